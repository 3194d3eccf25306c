"""What every request needs from the configuration: the caller's role, the team, the workspace
(local folders, or Google as the service account with the rep's own token for reading the open
document) and the notifier."""
from __future__ import annotations

import threading
from functools import cached_property
from pathlib import Path

from . import locks
from .config import Config
from .google_clients import GoogleConnection
from .notify import Notifier
from .workspace.base import Workspace
from .workspace.pace import ServiceAccountQuotas
from .workspace.recent import RecentlyMade
from .workspace.retry import RetryPolicy


class Backend:
    def __init__(self, config: Config, google: GoogleConnection | None = None):
        self.config = config
        self.google = google or GoogleConnection(config.google_timeout)
        self._local = threading.local()  # Google clients per thread: httplib2 is not thread-safe
        self.recent = RecentlyMade()  # what this instance created in Drive lately (search lags behind)
        self.quotas = ServiceAccountQuotas()  # the service account's calls, under Google's per-user quotas
        locks.share_through(config.redis_url)  # locks across instances, when there are several

    def workspace(self, user_token: str = "") -> Workspace:
        if self.config.mode == "google":
            return self._google_workspace(user_token)
        from .workspace.local import LocalWorkspace
        ws = LocalWorkspace(self.config.workspace, team=self.team(), zone=self.config.zone)
        if not ws.tracker.path.exists():
            ws.tracker.setup()
        return ws

    def _google_workspace(self, user_token: str) -> Workspace:
        from .workspace.google_drive import GoogleWorkspace
        from .workspace.sheets_tracker import SheetsTracker
        cfg, google = self.config, self.google
        if getattr(self._local, "clients", None) is None:
            self._local.clients = google.service_account()
        g = self._local.clients
        policy = RetryPolicy(base_delay=cfg.google_retry_base_s, max_delay=max(16 * cfg.google_retry_base_s, 0.01))
        tracker = SheetsTracker(g.gc, spreadsheet_id=cfg.tracker_id, managers=cfg.managers, policy=policy,
                                quotas=self.quotas, team=self.team(), zone=cfg.zone)
        return GoogleWorkspace(g.drive, g.docs, tracker, cfg.template_id, cfg.customers_root_id,
                               shared_drive_id=cfg.shared_drive_id or None,
                               user_http=google.user_http(user_token) if user_token else None, policy=policy,
                               clients_factory=google.service_account, recent=self.recent,
                               quotas=self.quotas)

    @cached_property
    def crm(self):
        """HubSpot, when configured (server/crm.py); None otherwise."""
        from .crm import HubSpotCrm
        return HubSpotCrm.from_config(self.config)

    def notifier(self, ws: Workspace) -> Notifier:
        root = getattr(ws, "root", None)
        return Notifier.from_config(self.config, Path(root) if root else None)

    def role(self, email: str) -> str:
        if email in self.config.managers:
            return "manager"
        return "cs" if email in self.config.cs_team else "other"

    def team(self) -> tuple[str, ...]:
        """Who may own a study and move it between stages: CS and the managers."""
        return tuple(dict.fromkeys(self.config.cs_team + self.config.managers))
