"""Configuration: the one place the environment is read (app.yaml's env_variables, or the shell).

Nothing secret lives here: the service account's key comes from Application Default
Credentials (App Engine's own service account), never from this file or the logs.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


MODES = ("local", "google")


def _list(value: str | None) -> tuple[str, ...]:
    return tuple(v.strip().lower() for v in (value or "").split(",") if v.strip())


def _days(value: str, name: str) -> int:
    text = value.strip()
    if not text.isdigit():
        raise ValueError(f"{name} must be a whole number of days, not {value!r}")
    return int(text)


@dataclass
class Config:
    mode: str = "local"  # local | google
    workspace: str = "workspace"  # local mode: the folder of customer folders
    template_id: str = ""
    tracker_id: str = ""
    customers_root_id: str = ""  # the folder or shared drive holding customer folders
    shared_drive_id: str = ""
    managers: tuple[str, ...] = ()
    cs_team: tuple[str, ...] = ()
    cs_emails: tuple[str, ...] = ()  # who is emailed on submit
    chat_webhook: str = ""
    smtp_host: str = ""  # email through this SMTP server; without one, into the workspace's outbox folder
    smtp_from: str = "handover@localhost"
    signup_url: str = ""  # the CorePlan sign-up link in the data-request email (without it: "we will send you a link")
    addon_service_account: str = ""  # the add-on's identity: the email in Google's system ID token
    oauth_client_id: str = ""  # the audience of users' ID tokens (gcloud workspace-add-ons get-authorization)
    public_base_url: str = ""  # https://PROJECT.appspot.com: the audience of Google's tokens
    local_auth: bool = False  # accept unsigned local requests (the preview); never in production
    google_timeout: float = 30.0  # seconds before a Google call is given up (then retried)
    google_retry_base_s: float = 0.5  # first backoff; doubles, with full jitter, 5 attempts
    certs_url: str = "https://www.googleapis.com/oauth2/v1/certs"
    time_zone: str = "UTC"  # the team's: dates in the tracker are shown in it (an IANA name, "Australia/Perth")
    remind_after_days: int = 2  # working days a decision or an owner may wait before the refresh reminds
    archive_after_days: int = 90  # closed studies untouched this long leave the Studies sheet (0: never)
    hubspot_token: str = ""  # a HubSpot private app's token: the CRM step is on with it and a stage (never logged)
    hubspot_stage: str = ""  # the internal id of the deal pipeline's Desktop Study stage
    hubspot_host: str = ""  # HubSpot's API host (tests point it at their fake); the client's default without
    redis_url: str = ""  # several instances: the Redis their locks are shared through (server/locks.py)

    @classmethod
    def from_env(cls, env=None) -> "Config":
        env = os.environ if env is None else env
        return cls(
            mode=env.get("HANDOVER_MODE", "local"),
            workspace=env.get("HANDOVER_WORKSPACE") or "workspace",
            template_id=env.get("HANDOVER_TEMPLATE_ID", ""),
            tracker_id=env.get("HANDOVER_TRACKER_ID", ""),
            customers_root_id=env.get("HANDOVER_CUSTOMERS_ROOT_ID", ""),
            shared_drive_id=env.get("HANDOVER_SHARED_DRIVE_ID", ""),
            managers=_list(env.get("HANDOVER_MANAGERS")),
            cs_team=_list(env.get("HANDOVER_CS_TEAM")),
            cs_emails=_list(env.get("HANDOVER_CS_EMAILS")),
            chat_webhook=env.get("HANDOVER_CHAT_WEBHOOK", ""),
            smtp_host=env.get("HANDOVER_SMTP_HOST", ""),
            smtp_from=env.get("HANDOVER_SMTP_FROM", "handover@localhost"),
            signup_url=env.get("HANDOVER_SIGNUP_URL", ""),
            addon_service_account=env.get("HANDOVER_ADDON_SERVICE_ACCOUNT", "").lower(),
            oauth_client_id=env.get("HANDOVER_OAUTH_CLIENT_ID", ""),
            public_base_url=env.get("HANDOVER_PUBLIC_BASE_URL", "").rstrip("/"),
            local_auth=env.get("HANDOVER_LOCAL_AUTH", "") == "1",
            google_timeout=float(env.get("HANDOVER_GOOGLE_TIMEOUT_S", "30")),
            google_retry_base_s=float(env.get("HANDOVER_GOOGLE_RETRY_BASE_S", "0.5")),
            certs_url=env.get("HANDOVER_GOOGLE_CERTS_URL", "https://www.googleapis.com/oauth2/v1/certs"),
            redis_url=env.get("HANDOVER_REDIS_URL", ""),
            hubspot_token=env.get("HANDOVER_HUBSPOT_TOKEN", ""),
            hubspot_stage=env.get("HANDOVER_HUBSPOT_STAGE", ""),
            hubspot_host=env.get("HANDOVER_HUBSPOT_HOST", ""),
            time_zone=env.get("HANDOVER_TIME_ZONE", "").strip() or "UTC",
            archive_after_days=_days(env.get("HANDOVER_ARCHIVE_AFTER_DAYS", "90"), "HANDOVER_ARCHIVE_AFTER_DAYS"),
            remind_after_days=_days(env.get("HANDOVER_REMIND_AFTER_DAYS", "2"), "HANDOVER_REMIND_AFTER_DAYS"),
        )

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    def check_time_zone(self) -> None:
        try:
            self.zone
        except (ValueError, ZoneInfoNotFoundError):
            raise ValueError(f"HANDOVER_TIME_ZONE {self.time_zone!r} is not a time zone: give an IANA name such as "
                             "'Australia/Perth' or 'America/Santiago'") from None

    def check(self) -> None:
        """Refuse to start with a configuration that would trust the wrong people: an unknown mode
        ("Google" is not "google"), local auth anywhere but a purely local set-up (it trusts a
        header anyone can send), or Google mode half-configured (every request refused)."""
        if self.mode not in MODES:
            raise ValueError(f"HANDOVER_MODE must be one of {', '.join(MODES)}, not {self.mode!r}")
        self.check_time_zone()
        google_settings = [name for name, value in (("HANDOVER_TEMPLATE_ID", self.template_id),
                                                    ("HANDOVER_TRACKER_ID", self.tracker_id),
                                                    ("HANDOVER_CUSTOMERS_ROOT_ID", self.customers_root_id),
                                                    ("HANDOVER_SHARED_DRIVE_ID", self.shared_drive_id)) if value]
        if self.local_auth and (self.mode != "local" or google_settings):
            raise ValueError("refusing to start: HANDOVER_LOCAL_AUTH=1 trusts the X-Handover-User header and is for "
                             "the local preview only" + (f" (Google settings are set: {', '.join(google_settings)})"
                                                         if google_settings else ""))
        if self.mode != "google":
            return
        missing = [name for name, value in (("HANDOVER_PUBLIC_BASE_URL", self.public_base_url),
                                            ("HANDOVER_ADDON_SERVICE_ACCOUNT", self.addon_service_account),
                                            ("HANDOVER_OAUTH_CLIENT_ID", self.oauth_client_id)) if not value]
        if missing or self.local_auth:
            raise ValueError("refusing to start in Google mode: " + (f"set {', '.join(missing)}" if missing
                             else "HANDOVER_LOCAL_AUTH must be off"))
