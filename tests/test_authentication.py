"""Who may call the add-on: Google's system ID token and the user's verified email, checked on
every request before any work (server/addon/auth.py). A refused request gets 401 and creates nothing."""
import logging

import pytest

from server.app import create_app
from server.config import Config
from tests.addon_env import ADDON_SA, BASE_URL, REP, event

CREATE = "/addon/action/create"
FORM = {"customer": "Intruder Co", "industry": "drilling"}


def create(app, system_token: str, user_token: str, scheme: str = "Bearer"):
    """Google's click on Create handover, with the given tokens."""
    body = event(form=FORM, user_id_token=user_token)
    return app.test_client().post(CREATE, json=body, headers={"Authorization": f"{scheme} {system_token}"})


def created(tmp_path) -> bool:
    return (tmp_path / "ws" / "Intruder Co").exists()


def test_a_user_token_without_an_email_is_refused_and_creates_nothing(app, mint, tmp_path):
    user = mint.token(REP, "addon-client", claims={"email": None})
    response = create(app, mint.token(ADDON_SA, BASE_URL + CREATE), user)
    assert response.status_code == 401 and response.get_json() == {"error": "unauthenticated"}
    assert not created(tmp_path)


def test_a_user_token_with_an_unverified_email_is_refused_and_creates_nothing(app, mint, tmp_path):
    user = mint.token(REP, "addon-client", claims={"email_verified": False})
    response = create(app, mint.token(ADDON_SA, BASE_URL + CREATE), user)
    assert response.status_code == 401 and response.get_json() == {"error": "unauthenticated"}
    assert not created(tmp_path)


def test_a_system_token_with_an_unverified_email_is_refused_and_creates_nothing(app, mint, tmp_path):
    system = mint.token(ADDON_SA, BASE_URL + CREATE, claims={"email_verified": False})
    response = create(app, system, mint.token(REP, "addon-client"))
    assert response.status_code == 401 and response.get_json() == {"error": "unauthenticated"}
    assert not created(tmp_path)


@pytest.mark.parametrize("verified", ["false", None])
def test_an_email_not_said_to_be_verified_is_refused_in_either_token(app, mint, tmp_path, verified):
    system = mint.token(ADDON_SA, BASE_URL + CREATE, claims={"email_verified": verified})
    assert create(app, system, mint.token(REP, "addon-client")).status_code == 401
    user = mint.token(REP, "addon-client", claims={"email_verified": verified})
    assert create(app, mint.token(ADDON_SA, BASE_URL + CREATE), user).status_code == 401
    assert not created(tmp_path)


def test_a_system_token_sent_with_another_scheme_than_bearer_is_refused(app, mint, tmp_path):
    response = create(app, mint.token(ADDON_SA, BASE_URL + CREATE), mint.token(REP, "addon-client"), scheme="Digest")
    assert response.status_code == 401 and response.get_json() == {"error": "unauthenticated"}
    assert not created(tmp_path)


def test_a_failed_certificate_fetch_is_not_cached_so_the_next_request_succeeds(app, mint, tmp_path):
    mint.cert_failures = 1  # Google answers the next fetch with a 503 error page (JSON)
    refused = create(app, mint.token(ADDON_SA, BASE_URL + CREATE), mint.token(REP, "addon-client"))
    assert refused.status_code == 401 and not created(tmp_path)
    again = create(app, mint.token(ADDON_SA, BASE_URL + CREATE), mint.token(REP, "addon-client"))
    assert again.status_code == 200 and "Handover created" in str(again.get_json())
    assert created(tmp_path)


def _refusal_reason(caplog, response) -> str:
    assert response.status_code == 401
    return next(r.reason for r in caplog.records if r.getMessage() == "request refused")


@pytest.mark.parametrize("case, reason", [
    ("no bearer", "missing Authorization: Bearer header"),
    ("other service account", "system ID token is not from the add-on's service account"),
    ("unverified system", "system ID token is not from the add-on's service account"),
    ("no user token", "event has no userIdToken"),
    ("unverified user", "user ID token has no verified email"),
    ("not google", "token issuer is not Google: 'https://evil.example.com'"),
    ("expired", "token rejected (expired)"),
    ("forged", "token rejected (bad signature)"),
    ("garbage", "token rejected (malformed)"),
])
def test_a_refused_request_logs_why_for_the_operator(app, mint, caplog, case, reason):
    """The caller gets a bare 401; the operator's log line names the cause (never the token)."""
    system, user, scheme = mint.token(ADDON_SA, BASE_URL + CREATE), mint.token(REP, "addon-client"), "Bearer"
    if case == "no bearer":
        scheme = "Basic"
    elif case == "other service account":
        system = mint.token("someone@else.iam.gserviceaccount.com", BASE_URL + CREATE)
    elif case == "unverified system":
        system = mint.token(ADDON_SA, BASE_URL + CREATE, claims={"email_verified": "false"})
    elif case == "no user token":
        user = ""
    elif case == "unverified user":
        user = mint.token(REP, "addon-client", claims={"email_verified": "false"})
    elif case == "not google":
        system = mint.token(ADDON_SA, BASE_URL + CREATE, issuer="https://evil.example.com")
    elif case == "expired":
        system = mint.token(ADDON_SA, BASE_URL + CREATE, expired=True)
    elif case == "forged":
        system = mint.token(ADDON_SA, BASE_URL + CREATE, forged=True)
    elif case == "garbage":
        system = "not-a-token"
    with caplog.at_level("WARNING"):
        logged = _refusal_reason(caplog, create(app, system, user, scheme))
    assert logged == reason
    assert system not in logged


def test_a_verified_email_given_as_the_string_true_is_accepted(app, mint, tmp_path):
    user = mint.token(REP, "addon-client", claims={"email_verified": "true"})
    assert create(app, mint.token(ADDON_SA, BASE_URL + CREATE), user).status_code == 200


def test_a_system_token_without_an_email_is_refused_not_a_crash(app, mint, tmp_path):
    system = mint.token(ADDON_SA, BASE_URL + CREATE, claims={"email": None})
    response = create(app, system, mint.token(REP, "addon-client"))
    assert response.status_code == 401 and response.get_json() == {"error": "unauthenticated"}
    assert not created(tmp_path)


def test_a_certificate_fetch_slower_than_the_google_timeout_is_refused_not_held(mint, tmp_path, caplog):
    """Google's certificate endpoint hangs: the request is refused after the configured Google
    timeout (here 0.3 s), with the reason logged, and the next request is verified normally."""
    from server.app import create_app
    from server.config import Config
    app = create_app(Config(mode="local", workspace=str(tmp_path / "ws"), addon_service_account=ADDON_SA,
                            public_base_url=BASE_URL, certs_url=mint.certs_url, google_timeout=0.3))
    mint.cert_delay = 2.0
    logging.getLogger("handover").addHandler(caplog.handler)  # create_app's logs stop at "handover"
    try:
        refused = create(app, mint.token(ADDON_SA, BASE_URL + CREATE), mint.token(REP, "addon-client"))
    finally:
        logging.getLogger("handover").removeHandler(caplog.handler)
    assert _refusal_reason(caplog, refused) == "could not fetch Google's certificates: ReadTimeout"
    assert not created(tmp_path)
    again = create(app, mint.token(ADDON_SA, BASE_URL + CREATE), mint.token(REP, "addon-client"))
    assert again.status_code == 200 and created(tmp_path)


def test_a_rejected_token_is_not_written_to_the_log(tmp_path):
    import io

    from server.logs import JsonFormatter
    from tests.addon_env import TokenMint
    mint = TokenMint()
    app = create_app(Config(mode="local", workspace=str(tmp_path), addon_service_account="sa@example.com",
                            public_base_url="https://h.example.com", certs_url=mint.certs_url))
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(JsonFormatter())
    logging.getLogger("handover").addHandler(handler)
    secret = "ya29.a0AfB_SECRET_USER_ACCESS_TOKEN_abcdef"
    try:
        app.test_client().post("/addon/docs/home", json={"commonEventObject": {"hostApp": "DOCS"}},
                               headers={"Authorization": f"Bearer {secret}"})
    finally:
        logging.getLogger("handover").removeHandler(handler)
        mint.stop()
    assert "token rejected (malformed)" in out.getvalue() and "SECRET" not in out.getvalue()


def test_google_mode_refuses_to_start_half_configured():
    with pytest.raises(ValueError, match="HANDOVER_OAUTH_CLIENT_ID"):
        create_app(Config(mode="google", public_base_url="https://h.example.com", addon_service_account="sa@x"))
    with pytest.raises(ValueError, match="LOCAL_AUTH"):
        create_app(Config(mode="google", public_base_url="https://h", addon_service_account="sa", oauth_client_id="c",
                          local_auth=True))


@pytest.mark.parametrize("env, says", [
    ({"HANDOVER_MODE": "Google"}, "HANDOVER_MODE must be one of local, google, not 'Google'"),
    ({"HANDOVER_LOCAL_AUTH": "1", "HANDOVER_TEMPLATE_ID": "1AbC", "HANDOVER_TRACKER_ID": "1XyZ"},
     "Google settings are set: HANDOVER_TEMPLATE_ID, HANDOVER_TRACKER_ID"),
])
def test_a_configuration_that_would_trust_a_header_or_misread_the_mode_does_not_start(env, says):
    with pytest.raises(ValueError) as refused:
        create_app(Config.from_env(env))
    assert says in str(refused.value)


def test_the_preview_answers_only_requests_addressed_to_this_machine(tmp_path):
    """It trusts X-Handover-User; a web page whose name was rebound to 127.0.0.1 (DNS rebinding)
    sends its own name as Host and is refused."""
    app = create_app(Config(mode="local", workspace=str(tmp_path / "ws"), local_auth=True), preview=True)
    http = app.test_client()
    assert http.get("/preview/context", headers={"Host": "127.0.0.1:8080"}).status_code == 200
    assert http.get("/preview/context", headers={"Host": "localhost:8080"}).status_code == 200
    assert http.get("/preview/context", headers={"Host": "attacker.example.com:8080"}).status_code == 403
    decide = http.post("/addon/action/decide", json=event(host="SHEETS", params={"study_id": "DS-1", "decision": "Approved"}),
                       headers={"Host": "attacker.example.com:8080", "X-Handover-User": "manager@example.com"})
    assert decide.status_code == 403


def test_the_preview_on_every_address_warns_that_anyone_there_can_act_as_anyone(tmp_path, monkeypatch, capsys):
    from flask import Flask

    from server import cli
    monkeypatch.setattr(Flask, "run", lambda self, **kwargs: None)
    assert cli.main(["serve", "--workspace", str(tmp_path / "ws"), "--host", "0.0.0.0", "--port", "0"]) == 0
    assert "anyone who can reach this machine can act as any rep, CS or manager" in capsys.readouterr().err
