"""A customer's folder tree in Drive, found or made by the service account.

The customers' folders sit in one root (a shared drive, or a folder). A customer folder records
whose it is (an appProperty), since two names can read the same as a folder name ("A/B" and
"A:B" are both "A-B"). What is missing of the tree is made level by level, each level's folders
in one Drive batch request: a folder can only be made inside one that exists. What was made is
remembered (`recent.py`) while Drive's search may not show it yet.
"""
from __future__ import annotations

from ..errors import InputError
from ..generators.deal import cut_bytes, name_clash, safe_folder_name
from ..google_clients import resource
from .recent import RecentlyMade
from .retry import RetryPolicy, call

FOLDER = "application/vnd.google-apps.folder"
CUSTOMER_KEY = "dsCustomer"  # on a customer folder: whose it is (its name can read the same as another's)
CUSTOMER_BYTES = 100  # Drive allows 124 bytes for an appProperty's key and value together
FOLDER_FIELDS = "id,name,webViewLink,appProperties"
PAGE_SIZE = 1000


def q_string(value: str) -> str:
    """A value quoted for a Drive `q` query."""
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def tree_levels(tree: list[str]) -> list[list[str]]:
    """Every folder path of the tree (parents included), by depth: [["Sales", "PreSales"],
    ["PreSales/POC"], ...], each level in the rubric's order."""
    levels: list[list[str]] = []
    for path in tree:
        parts = path.split("/")
        for depth in range(1, len(parts) + 1):
            if len(levels) < depth:
                levels.append([])
            sub = "/".join(parts[:depth])
            if sub not in levels[depth - 1]:
                levels[depth - 1].append(sub)
    return levels


def folder_body(path: str, ids: dict[str, str]) -> dict:
    """A folder's files.create body: its name, in its parent (already made)."""
    parent, _, leaf = path.rpartition("/")
    return {"name": leaf, "mimeType": FOLDER, "parents": [ids[parent]]}


def folder_url(folder_id: str) -> str:
    return f"https://drive.google.com/drive/folders/{folder_id}"


class DriveFolders:
    def __init__(self, drive, root_id: str, shared_drive_id: str | None, tree: list[str], recent: RecentlyMade,
                 policy: RetryPolicy):
        """drive: a Drive service acting as the service account; root_id: the folder (or shared
        drive id) holding the customer folders; tree: the folder paths under each customer."""
        self.drive, self.root_id, self.shared_drive_id = drive, root_id, shared_drive_id
        self.tree, self.recent, self.policy = tree, recent, policy

    def _files(self):
        return resource(self.drive, "files")

    def list(self, step: str, q: str, fields: str = "files(id,name,webViewLink,modifiedTime,appProperties)") -> list[dict]:
        """Every file matching q (following pages), across the shared drive when there is one."""
        params = {"q": q, "fields": f"nextPageToken,{fields}", "pageSize": PAGE_SIZE,
                  "supportsAllDrives": True, "includeItemsFromAllDrives": True}
        if self.shared_drive_id:
            params.update(corpora="drive", driveId=self.shared_drive_id)
        files, token = [], None
        while True:
            page = call(step, lambda: self._files().list(pageToken=token, **params).execute(), self.policy)
            files.extend(page.get("files", []))
            token = page.get("nextPageToken")
            if not token:
                return files

    def _create_folder(self, name: str, parent: str, app_properties: dict | None = None) -> dict:
        body = {"name": name, "mimeType": FOLDER, "parents": [parent], **({"appProperties": app_properties}
                                                                           if app_properties else {})}
        made = call(f"create folder '{name}'", lambda: self._files().create(
            body=body, fields=FOLDER_FIELDS, supportsAllDrives=True).execute(), self.policy)
        return self.recent.remember(parent, name, made)

    def _child_folders(self, parent: str, name: str | None = None) -> dict[str, dict]:
        q = f"{q_string(parent)} in parents and mimeType = {q_string(FOLDER)} and trashed = false"
        if name is not None:
            q += f" and name = {q_string(name)}"
        return {f["name"]: f for f in self.list("list folders", q)}

    def customer_folder(self, customer: str) -> tuple[str, bool]:
        """The customer's folder id, found or created; True when created now."""
        name, recorded_as = safe_folder_name(customer), cut_bytes(customer.strip(), CUSTOMER_BYTES)
        found = self._child_folders(self.root_id, name).get(name) or self.recent.get(self.root_id, name)
        recorded = (found or {}).get("appProperties", {}).get(CUSTOMER_KEY, "")
        if recorded and recorded != recorded_as:  # 'A/B' and 'A:B' are both folder 'A-B'
            raise InputError(name_clash(name, recorded, customer))
        if found:
            return found["id"], False
        return self._create_folder(name, self.root_id, {CUSTOMER_KEY: recorded_as})["id"], True

    def ensure_tree(self, customer_id: str) -> tuple[dict[str, str], set[str]]:
        """Find or create the folder tree in an existing customer folder; returns (folder path ->
        id, '' being the customer folder; the paths created now). Lists only folders that
        already existed, and creates what is missing level by level, a level in one batch."""
        ids, fresh = {"": customer_id}, set()  # folders made now have no children to list
        listed: dict[str, dict[str, dict]] = {}  # folder id -> its child folders, each listed once
        for level in tree_levels(self.tree):
            missing = {}
            for path in level:
                parent, _, leaf = path.rpartition("/")
                if parent not in fresh and ids[parent] not in listed:
                    listed[ids[parent]] = self._child_folders(ids[parent])
                children = {} if parent in fresh else listed[ids[parent]]
                known = children.get(leaf) or self.recent.get(ids[parent], leaf)
                if known:
                    ids[path] = known["id"]
                else:
                    missing[path] = folder_body(path, ids)
            for path, made in self.send_batch(missing).items():
                ids[path] = made["id"]
                fresh.add(path)
        return ids, fresh

    def send_batch(self, folders: dict[str, dict], also: dict | None = None, made: dict | None = None) -> dict[str, dict]:
        """Folders (path -> body) created in one Drive batch request, with `also` (what it does ->
        a function making a Drive request) sent in it too; returns key -> answer, in `made` if
        given (so what was made is known even when another call fails). Drive creates one file
        per call, and a batch's calls may run in any order: these must not depend on each other.
        A call refused with a retryable answer is sent again in a new batch, with backoff."""
        requests = {path: (lambda body=body: self._files().create(body=body, fields=FOLDER_FIELDS, supportsAllDrives=True))
                    for path, body in folders.items()}
        requests.update(also or {})
        made = {} if made is None else made
        if not requests:
            return made

        def send():
            failed: list[Exception] = []

            def answered(key, response, exception):
                if exception is not None:
                    failed.append(exception)
                elif key in folders:
                    made[key] = self.recent.remember(folders[key]["parents"][0], folders[key]["name"], response)
                else:
                    made[key] = response
            batch = self.drive.new_batch_http_request(callback=answered)
            for key, request in requests.items():
                if key not in made:
                    batch.add(request(), request_id=key)
            batch.execute()
            if failed:
                raise failed[0]
        names = ", ".join(repr(b["name"]) for b in folders.values())
        call(" and ".join(([f"create folders {names}"] if folders else []) + list(also or {})), send, self.policy)
        return made
