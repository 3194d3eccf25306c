"""All of the fake's state, behind one lock."""

import threading

from .docs import DocsStore
from .drive import DriveStore
from .drive_uploads import DriveUploads
from .ids import Clock, IdFactory
from .sheets import SheetsStore


class State:
    """Drive files, documents and spreadsheets, sharing ids, a clock and a lock."""

    def __init__(self, seed=0):
        self.lock = threading.RLock()
        self.ids = IdFactory(seed)
        self.clock = Clock()
        self.drive = DriveStore(self)
        self.uploads = DriveUploads(self)
        self.docs = DocsStore(self)
        self.sheets = SheetsStore(self)
        self.users = {}  # bearer token -> the email of the person it stands for (protection.py)
