"""The `handover` command line, on the local embedded default (no Google account).

Exit codes: 0 ok (for `score`: ready for submission), 1 not ready, 2 bad input.
"""
from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import sys
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from . import flows
from .config import Config
from .errors import DealError, InputError
from .generators.deal import Deal
from .generators.emails import data_request_email
from .generators.template_doc import write_template
from .paths import SAMPLES, TEMPLATE_PATH
from .rubric import load_rubric
from .scorecard_text import Terminal, render
from .validators.readers import read_document
from .validators.scorer import score_document
from .workspace.local import LocalWorkspace

EXIT_OK, EXIT_NOT_READY, EXIT_BAD_INPUT = 0, 1, 2
if TYPE_CHECKING:  # imported when used: the Google libraries are slow to load for `handover score`
    from .google_clients import GoogleConnection

DIST = "desktop-study-handover"  # pyproject's [project] name
FINDINGS_SHOWN = 15
WORKSPACE_HELP = "workspace folder (default: $HANDOVER_WORKSPACE or ./workspace)"
COLOR_HELP = "colour the output: auto (a terminal without $NO_COLOR), always, never"


def main(argv: list[str] | None = None, google: GoogleConnection | None = None) -> int:
    """Run one command; `google` is how `setup --google` reaches Google (default: Application
    Default Credentials)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    args.connection = google
    try:
        return args.run(args)
    except (InputError, DealError) as exc:
        print(f"handover: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # `handover score ... | head`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The `handover` command and its subcommands; every option says what it does (--help)."""
    p = argparse.ArgumentParser(prog="handover", description="Desktop Study handover: create, score, email.")
    p.add_argument("--version", action="version", version=f"handover {_version()}",
                   help="print the installed version and exit")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND",
                           help="what to do; `handover COMMAND --help` lists its options")
    _handover_commands(sub)
    _deployment_commands(sub)
    _preview_commands(sub)
    return p


def _handover_commands(sub) -> None:
    """What a rep does with a handover: the template, a new one, its score, the data request."""
    t = sub.add_parser("template", help="write the handover template .docx from the rubric")
    t.add_argument("--out", type=Path, default=TEMPLATE_PATH, help="where to write it (default: %(default)s)")
    t.set_defaults(run=_template)

    n = sub.add_parser("new", help="create a customer's folder tree and filled handover")
    _deal_arguments(n)
    n.add_argument("--workspace", help=WORKSPACE_HELP)
    n.set_defaults(run=_new)

    s = sub.add_parser("score", help="score a handover (.docx or a saved Docs API JSON)",
                       description="Score a handover. Exit 0: ready for submission; 1: not ready; 2: bad input.")
    s.add_argument("file", type=Path, help="the handover: a .docx, or a Docs API documents.get .json")
    s.add_argument("--json", action="store_true", help="print the scorecard JSON instead of text")
    s.add_argument("--all", action="store_true",
                   help=f"show every finding (default: the worst {FINDINGS_SHOWN})")
    s.add_argument("--color", choices=["auto", "always", "never"], default="auto", help=COLOR_HELP)
    s.set_defaults(run=_score)

    d = sub.add_parser("data", help="check a customer's data package (the DS Data folder)",
                       description="Read the plod data in a DS Data folder: period, billing cycles, rigs, projects "
                                   "and gaps. Exit 0: enough for a desktop study; 1: not enough; 2: bad input.")
    d.add_argument("folder", type=Path, help="the DS Data folder (its subfolders are read too)")
    d.add_argument("--json", action="store_true", help="print the reading as JSON")
    d.add_argument("--billing-cycle", default="", metavar="WORDS",
                   help="how the contractor bills, as a handover says it: 'weekly', 'fortnightly', '21st to 20th' "
                        "(default: data_package.toml's billing_cycle, calendar months)")
    d.set_defaults(run=_data)

    e = sub.add_parser("email", help="print the customer data-request email")
    e.add_argument("--industry", required=True, choices=list(load_rubric().industries),
                   help="drilling: the customer is the contractor; mining: the customer owns the mine")
    e.add_argument("--customer", required=True, help="the customer's company name")
    e.add_argument("--rep", default="", help="the sales rep who signs the email")
    e.add_argument("--contact", default="", help="the customer contact it is addressed to")
    e.set_defaults(run=_email)


def _deployment_commands(sub) -> None:
    """What whoever deploys the add-on runs once: the set-up and the manifest."""
    u = sub.add_parser("setup", help="set up the tracker (local), or the template and tracker on Google")
    u.add_argument("--workspace", help="local workspace folder")
    u.add_argument("--google", action="store_true", help="set up on Google Drive and Sheets")
    u.add_argument("--customers-root", default="", help="Drive folder or shared drive id holding customer folders")
    u.add_argument("--shared-drive", default="", help="shared drive id, when customers live in one")
    u.add_argument("--tracker-id", default="", help="adopt this existing tracker Sheet")
    u.add_argument("--managers", default="", help="comma-separated emails allowed to decide")
    u.add_argument("--service-account", default="", help="the service account email (editor of the decision columns)")
    u.add_argument("--cs-team", default="", help="comma-separated CS emails: who may own a study (the owner dropdown)")
    u.set_defaults(run=_setup)

    m = sub.add_parser("manifest", help="print the HTTP add-on deployment manifest for a base URL")
    m.add_argument("--base-url", required=True, help="the app's public HTTPS URL, e.g. https://PROJECT.appspot.com")
    m.add_argument("--logo-url", default="", help="HTTPS URL of the add-on's logo (default: a Material icon on gstatic.com)")
    m.set_defaults(run=_manifest)


def _preview_commands(sub) -> None:
    """The local default: the first-run demo and the sidebar preview."""
    d = sub.add_parser("demo", help="first run: sample customers and handovers, their scores, then the preview")
    d.add_argument("--workspace", help=WORKSPACE_HELP)
    d.add_argument("--no-serve", action="store_true", help="set up and score, without starting the preview")
    _server_arguments(d)
    d.add_argument("--color", choices=["auto", "always", "never"], default="auto", help=COLOR_HELP)
    d.set_defaults(run=_demo)

    v = sub.add_parser("serve", help="the local sidebar preview and the add-on endpoints on the local default")
    v.add_argument("--workspace", help=WORKSPACE_HELP)
    _server_arguments(v)
    v.set_defaults(run=_serve)


def _server_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--host", default="127.0.0.1", help="address the preview listens on (default: %(default)s)")
    p.add_argument("--port", type=int, default=8080, help="port, or a free one if taken (default: %(default)s)")


def _deal_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--customer", required=True, help="the customer's company name (names the folder)")
    p.add_argument("--industry", required=True, choices=list(load_rubric().industries),
                   help="drilling: a drilling contractor; mining: a mining company and its contractors")
    p.add_argument("--segment", default="", help=load_rubric().segment_choices)
    p.add_argument("--deal-size", default="", help="amount, e.g. 120000")
    p.add_argument("--currency", default="", help="e.g. AUD")
    p.add_argument("--crm-link", default="", help="URL of the deal in the CRM")
    p.add_argument("--region", default="", help="e.g. Western Australia")
    p.add_argument("--rep", default="", help="the sales rep's name")
    p.add_argument("--rigs", default="", help="number of rigs in the study")
    p.add_argument("--projects", default="", help="number of projects in the study")
    p.add_argument("--billing-cycles", default="", help="billing cycles of plod data the customer will send")
    p.add_argument("--presentation-date", default="", help="requested date to present the study")


def _version() -> str:
    try:
        return metadata.version(DIST)
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown (not installed)"


def _terminal(color: str) -> Terminal:
    """Width of stdout's terminal (80 when it is not one); colour per --color, and on `auto` only on a
    terminal without NO_COLOR (https://no-color.org, a convention of the terminal, not our config)."""
    tty = sys.stdout.isatty()
    width = shutil.get_terminal_size((80, 24)).columns if tty else 80
    on = color == "always" or (color == "auto" and tty and not os.environ.get("NO_COLOR"))
    return Terminal(width=width, color=on)


def _template(args) -> int:
    path = write_template(args.out)
    print(f"Template written: {path}")
    return EXIT_OK


def _new(args) -> int:
    deal = Deal.from_input({k: getattr(args, k) for k in Deal.__dataclass_fields__})
    ws = _local_workspace(args.workspace)
    made = ws.create_handover(deal)
    verb = "Created" if made.created else "Already there (left as it was)"
    print(f"{verb}: {ws.path(made.doc_id)}")
    return EXIT_OK


def _score(args) -> int:
    card = score_document(read_document(args.file))
    if args.json:
        print(json.dumps(card.to_dict(), indent=2, ensure_ascii=False))
    else:
        limit = None if args.all else FINDINGS_SHOWN
        print(render(card, _terminal(args.color), limit, see_all=_see_all(args.file)))
    return EXIT_OK if card.ready else EXIT_NOT_READY


def _data(args) -> int:
    from .data_package.cycles import said_in
    from .data_package.package import read_package
    cycle = None
    if args.billing_cycle:
        cycle = said_in(args.billing_cycle + " billing")
        if cycle is None:
            raise InputError(f"--billing-cycle '{args.billing_cycle}': say weekly, fortnightly, monthly or "
                             "'21st to 20th'")
    try:
        package = read_package(args.folder, cycle)
    except NotADirectoryError as exc:
        raise InputError(str(exc)) from None
    if args.json:
        print(json.dumps(package.to_dict(), indent=2, ensure_ascii=False))
    else:
        print("\n".join(data_lines(package)))
    return EXIT_OK if package.ready else EXIT_NOT_READY


def data_lines(package) -> list[str]:
    """The data package as a person reads it."""
    from .data_package.described import found_lines, verdict_lines
    return [f"Data package: {package.folder}", *found_lines(package), *verdict_lines(package)]


def _see_all(path: Path) -> str:
    return f"handover score --all {shlex.quote(str(path))}"


def _shown_path(path: Path) -> Path:
    """The path as short as a rep would type it: relative when it is under the current folder."""
    path = Path(path).resolve()
    return path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path


def _say(term: Terminal, message: str) -> None:
    """One message, wrapped to the terminal."""
    print("\n".join(term.wrap(message, indent=2)) + ("\n" if message.endswith("\n") else ""))


def _email(args) -> int:
    print(data_request_email(args.industry, args.customer, rep=args.rep, contact=args.contact,
                             signup_url=Config.from_env().signup_url), end="")
    return EXIT_OK


def _setup(args) -> int:
    if not args.google:
        ws = _local_workspace(args.workspace)
        print(f"Local tracker: {ws.tracker.setup()}")
        return EXIT_OK
    from .google_clients import GoogleConnection
    from .google_setup import setup_google
    lines = setup_google((args.connection or GoogleConnection()).service_account(), customers_root=args.customers_root,
                         shared_drive=args.shared_drive, tracker_id=args.tracker_id, managers=args.managers,
                         service_account=args.service_account, cs_team=args.cs_team,
                         zone=_local_zone())
    print("Put these in app.yaml's env_variables:")
    print("\n".join(lines))
    return EXIT_OK


def _manifest(args) -> int:
    from .addon.manifest import render_manifest
    try:
        print(json.dumps(render_manifest(args.base_url, args.logo_url), indent=2))
    except ValueError as exc:
        print(f"handover: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK


DEMO_MANAGER, DEMO_CS = "maria.manager@example.com", "chris.cs@example.com"


def _local_zone():
    """The team's time zone (HANDOVER_TIME_ZONE), refused in one line when it names none."""
    config = Config.from_env()
    try:
        config.check_time_zone()
    except ValueError as exc:
        raise InputError(str(exc)) from None
    return config.zone


def _local_workspace(root) -> LocalWorkspace:
    """The local workspace with who may own a study (the configured CS team and managers, else the
    preview's people) and the team's time zone."""
    config = Config.from_env()
    team = tuple(dict.fromkeys((config.cs_team or (DEMO_CS,)) + (config.managers or (DEMO_MANAGER,))))
    return LocalWorkspace(root, team=team, zone=_local_zone())


def _demo(args) -> int:
    """First run: a workspace with sample customers and handovers, their scores, then the preview."""
    ws = _local_workspace(args.workspace)
    ws.tracker.setup()
    deal = Deal.from_input({
        "customer": "Red Rock Drilling", "industry": "drilling", "segment": "Enterprise",
        "deal_size": "180,000", "currency": "AUD", "region": "Western Australia", "rep": "Sam Patel",
        "crm_link": "https://app.hubspot.com/contacts/000/deal/123", "rigs": "4", "projects": "1",
    })
    made = ws.create_handover(deal)
    term = _terminal(args.color)
    card = score_document(ws.read(made.doc_id))
    _say(term, f"Workspace: {ws.root}")
    _say(term, f"New handover from the template, not filled in yet: {_shown_path(ws.path(made.doc_id))} "
               f"(score {card.score}/100)\n")
    for sample in sorted(SAMPLES.glob("*.docx")):
        target = _place_sample(ws, sample)
        card = flows.check(ws, ws.doc_id(target))  # with the customer's files in DS Data
        print(render(card, term, limit=5, see_all=_see_all(_shown_path(target))))
        print()
    if args.no_serve:
        return EXIT_OK
    return _run_preview(ws, args.host, args.port)


def _place_sample(ws: LocalWorkspace, sample: Path) -> Path:
    """A sample handover filed in its customer's folder tree, as a rep would have it, and the files
    the customer sent (doc_templates/samples/DS Data/<customer>) in its DS Data folder."""
    from .generators.deal import safe_folder_name
    from .workspace.local import ensure_tree
    customer = score_document(read_document(sample)).fields.get("customer") or sample.stem
    tree = ensure_tree(ws.root, customer)
    target = tree / ws.rubric.folders["handover"] / (ws.rubric.folders["doc_name"].format(
        customer=safe_folder_name(customer)) + ".docx")
    if not target.exists():
        shutil.copyfile(sample, target)
    sent = SAMPLES / "DS Data" / safe_folder_name(customer)
    if sent.is_dir():
        shutil.copytree(sent, tree / ws.rubric.folders["data"], dirs_exist_ok=True)
    return target


def _serve(args) -> int:
    ws = _local_workspace(args.workspace)
    ws.tracker.setup()
    return _run_preview(ws, args.host, args.port)


def _run_preview(ws: LocalWorkspace, host: str, port: int) -> int:
    from .app import create_app
    config = Config.from_env()
    config.mode, config.workspace, config.local_auth = "local", str(ws.root), True
    config.template_id = config.tracker_id = config.customers_root_id = config.shared_drive_id = ""  # local only
    config.managers = config.managers or (DEMO_MANAGER,)
    config.cs_team = config.cs_team or (DEMO_CS,)
    config.cs_emails = config.cs_emails or ("cs-team@example.com",)
    everywhere = host in ("0.0.0.0", "::")
    if everywhere:
        print(f"Warning: listening on {host}: anyone who can reach this machine can act as any rep, CS or manager "
              "in the preview (it trusts the X-Handover-User header). Use --host 127.0.0.1 unless you mean it.",
              file=sys.stderr)
    app = create_app(config, preview=True, preview_hosts=("*",) if everywhere else (host,))
    port = _free_port(host, port)
    print(f"Sidebar preview: http://{host}:{port}/  (a rep, CS or a manager; Ctrl-C to stop)")
    print(f"Tracker file: {ws.tracker.path}")
    sys.stdout.flush()
    app.run(host=host, port=port, threaded=True, use_reloader=False)
    return EXIT_OK


def _free_port(host: str, wanted: int) -> int:
    import socket
    for port in (wanted, 0):
        with socket.socket() as s:
            try:
                s.bind((host, port))
                return s.getsockname()[1]
            except OSError:
                continue
    raise OSError("no free port")


if __name__ == "__main__":
    sys.exit(main())
