"""Identifiers and timestamps that look like Google's.

Ids come from a seeded random generator so a test run is reproducible.
"""

import datetime
import random
import string

_ID_CHARS = string.ascii_letters + string.digits + "-_"
_TOKEN_CHARS = string.ascii_letters + string.digits


class IdFactory:
    def __init__(self, seed=0):
        self._random = random.Random(seed)

    def _chars(self, alphabet, n):
        return "".join(self._random.choice(alphabet) for _ in range(n))

    def editor_file_id(self):
        """44 characters, like Docs and Sheets ids."""
        return "1" + self._chars(_ID_CHARS, 43)

    def file_id(self):
        """33 characters, like ids of folders and uploaded files."""
        return "1" + self._chars(_ID_CHARS, 32)

    def drive_id(self):
        """19 characters, like shared drive ids (and the My Drive root id)."""
        return "0A" + self._chars(_TOKEN_CHARS, 11) + "Uk9PVA"

    def sheet_id(self):
        return self._random.randint(1, 2**31 - 1)

    def token(self, n=20):
        return self._chars(_TOKEN_CHARS, n)


class Clock:
    """RFC 3339 timestamps with milliseconds that strictly increase."""

    def __init__(self):
        self._last = None

    def now(self):
        moment = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
        moment = moment.replace(microsecond=moment.microsecond // 1000 * 1000)
        if self._last is not None and moment <= self._last:
            moment = self._last + datetime.timedelta(milliseconds=1)
        self._last = moment
        return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"
