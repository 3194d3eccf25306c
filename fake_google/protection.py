"""Protected ranges enforced per user, as Sheets enforces them.

A bearer token stands for a person: ``FakeGoogle.add_user(email, token)``; a token nobody
registered is the fake's one account, the owner of everything it holds (``drive.OWNER``), who
is an editor of every protected range, as Google makes the owner and whoever set the
protection. A write by anyone else that would change a cell inside a protected range whose
editors do not list them (``warningOnly`` ranges excepted) is refused whole with Google's 403,
and nothing is written: values.update, append, clear, their batch forms and
spreadsheets.batchUpdate alike.
"""
from __future__ import annotations

from .errors import ApiError
from .sheets_model import OWNER_EMAIL

MESSAGE = ("You are trying to edit a protected cell or object. Please contact the spreadsheet owner to "
           "remove protection if you need to edit.")


def user_of(users: dict, headers) -> str:
    """The email the request's bearer token stands for (the owner's when nobody registered it)."""
    token = (headers.get("Authorization", "") or "").partition(" ")[2].strip()
    return users.get(token, OWNER_EMAIL)


def check_edit(before, after, user: str) -> None:
    """Google's 403 when `after` changes a cell `user` may not edit in `before`'s protections."""
    sheets_after = {s.sheet_id: s for s in after.sheets}
    for sheet in before.sheets:
        changed_sheet = sheets_after.get(sheet.sheet_id)
        for protected in sheet.protected_ranges:
            editors = {u.lower() for u in (protected.get("editors") or {}).get("users", [])}
            if protected.get("warningOnly") or user.lower() in editors:
                continue
            grid = protected.get("range")
            if grid is None or changed_sheet is None:
                continue
            for key in set(sheet.cells) | set(changed_sheet.cells):
                if _inside(key, grid) and sheet.cells.get(key) != changed_sheet.cells.get(key):
                    raise ApiError(403, MESSAGE, api="sheets")


def _inside(key: tuple[int, int], grid: dict) -> bool:
    row, col = key
    return (grid.get("startRowIndex", 0) <= row < grid.get("endRowIndex", float("inf"))
            and grid.get("startColumnIndex", 0) <= col < grid.get("endColumnIndex", float("inf")))
