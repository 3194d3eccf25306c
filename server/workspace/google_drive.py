"""The Google workspace: handover documents copied from the template into the customer's folder
tree (`drive_folders.py`), filled and read back with the Docs API (google-api-python-client).

Who acts: a service account that is a member of the customer share drive creates folders and
copies the template (reps need no rights on the template); the rep's own token reads the open
document (see README, "Google Workspace: identities and scopes").
"""
from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor

from googleapiclient.http import MediaInMemoryUpload

from ..generators.deal import Deal, safe_folder_name
from ..rubric import Rubric, load_rubric
from ..validators.docs_json_reader import read_docs_json
from ..validators.document import Document
from ..data_package.package import DataFiles
from ..generators.gap_analysis import gap_analysis_name
from .base import Handover, Opened, Tracker, Workspace
from .drive_data import DriveData
from .drive_folders import FOLDER, DriveFolders, folder_body, folder_url, q_string, tree_levels
from ..errors import StepError
from ..google_clients import resource
from ..locks import named_lock
from .pace import ServiceAccountQuotas
from .recent import RecentlyMade
from .retry import DEFAULT_POLICY, RetryPolicy, call

log = logging.getLogger("handover.google")

HANDOVER_KEY = "dsHandover"  # appProperties marking our handover documents
TEMPLATE_KEY = "dsTemplate"  # ... and the template (a copy inherits its source's appProperties: cleared on copy)
STUDY_KEY = "studyId"
PRESALES_KEY = "presalesFolder"
DATA_KEY = "dataFolder"  # the customer's DS Data folder, marked on the handover when it is made
FILE_FIELDS = "id,name,webViewLink,modifiedTime,appProperties,parents"
COPY_STEP = "copy the template"
PARALLEL_READS = 8  # concurrent documents.get in a refresh; well under Docs' per-user quota
# Score the document as it stands: suggestions nobody accepted are left out, and unlike the
# inline or accepted views this one is allowed to anyone who can read the document.
SUGGESTIONS_VIEW = "PREVIEW_WITHOUT_SUGGESTIONS"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class GoogleWorkspace(Workspace):
    name = "google"

    def __init__(self, drive, docs, tracker: Tracker, template_id: str, root_id: str,
                 shared_drive_id: str | None = None, user_http=None,
                 policy: RetryPolicy = DEFAULT_POLICY, rubric: Rubric | None = None, clients_factory=None,
                 recent: RecentlyMade | None = None, quotas: ServiceAccountQuotas | None = None):
        """drive/docs: services acting as the service account; user_http: an HTTP client with
        the rep's own token, through which the open document is read (else as the service account).
        root_id: the folder (or shared drive id) holding the customer folders.
        clients_factory: makes new service-account clients (.drive, .docs); with it, read_many
        reads in parallel threads and the submitted version is exported beside the submit's own
        calls (an httplib2-based service must not be shared between threads).
        recent: what was created lately, kept across requests by whoever makes workspaces.
        quotas: keep the service account's Docs calls under Google's per-user quotas (shared
        across requests too)."""
        self.drive, self.docs, self.user_http = drive, docs, user_http
        self.recent = recent or RecentlyMade()
        self.quotas = quotas or ServiceAccountQuotas()
        self.clients_factory = clients_factory
        self.tracker = tracker
        self.template_id, self.root_id, self.shared_drive_id = template_id, root_id, shared_drive_id
        self.policy = policy
        self.rubric = rubric or load_rubric()
        self.folders = DriveFolders(drive, root_id, shared_drive_id, self.rubric.folders["tree"], self.recent, policy)

    # --- Drive helpers -----------------------------------------------------------------
    def _files(self):
        return resource(self.drive, "files")

    def _documents(self, docs=None):
        return resource(docs or self.docs, "documents")

    # --- Workspace ---------------------------------------------------------------------
    def create_handover(self, deal: Deal) -> Handover:
        """The customer's folder tree and filled handover, made once: two creates for the same
        customer at once take turns, and what this process made is remembered while Drive's
        search may not show it yet."""
        with named_lock(f"create:{self.root_id}:{safe_folder_name(deal.customer)}"):
            return self._create_handover(deal)

    def _create_handover(self, deal: Deal) -> Handover:
        customer_id, new = self.folders.customer_folder(deal.customer)
        if new:
            return self._new_customer_handover(customer_id, deal)
        ids, fresh = self.folders.ensure_tree(customer_id)
        folder_id = ids[self.rubric.folders["handover"]]
        if self.rubric.folders["handover"] not in fresh:  # a folder made just now holds no handover
            q = (f"{q_string(folder_id)} in parents and trashed = false and "
                 f"appProperties has {{ key={q_string(HANDOVER_KEY)} and value='1' }}")
            listed = self.folders.list("find the handover", q)
            existing = listed[0] if listed else self.recent.get(folder_id, self._doc_name(deal))
            if existing:
                return self._handover(existing, created=False)
        copy = call("copy the template", lambda: self._copy_request(deal, folder_id, ids).execute(), self.policy)
        try:
            self._fill(copy["id"], deal)
        except StepError as exc:
            self._discard(copy["id"], exc)
            raise
        return self._made(copy, folder_id)

    def _new_customer_handover(self, customer_id: str, deal: Deal) -> Handover:
        """A new customer's tree and handover in 4 round trips after the customer folder, not 5:
        the template is copied into the customer folder in the first level's batch, filled
        while the second level is made, and moved into its folder once the last level exists."""
        ids: dict[str, str] = {"": customer_id}
        first: dict[str, dict] = {}  # the first level's answers, the copy among them
        filling, fill = ThreadPoolExecutor(max_workers=1), None
        try:
            for depth, level in enumerate(tree_levels(self.rubric.folders["tree"])):
                also = {COPY_STEP: lambda: self._copy_request(deal, customer_id, ids)} if depth == 0 else {}
                if depth == 1:  # the Docs service is the fill thread's alone meanwhile
                    fill = filling.submit(self._fill, first[COPY_STEP]["id"], deal)
                made = self.folders.send_batch({path: folder_body(path, ids) for path in level}, also,
                                        first if depth == 0 else None)
                ids.update({path: folder["id"] for path, folder in made.items() if path != COPY_STEP})
            copy = first[COPY_STEP]
            if fill is None:  # a tree of one level
                self._fill(copy["id"], deal)
            else:
                fill.result()
            folder_id = ids[self.rubric.folders["handover"]]
            moved = call("move the handover into its folder", lambda: self._files().update(
                fileId=copy["id"], addParents=folder_id, removeParents=customer_id, fields=FILE_FIELDS,
                body={"appProperties": {PRESALES_KEY: ids[self.rubric.folders["presales"]],
                                        DATA_KEY: ids.get(self.rubric.folders["data"])}},
                supportsAllDrives=True).execute(), self.policy)
        except StepError as exc:
            if COPY_STEP in first:
                self._discard(first[COPY_STEP]["id"], exc)
            raise
        finally:
            filling.shutdown()
        return self._made(moved, folder_id)

    def _doc_name(self, deal: Deal) -> str:
        return self.rubric.folders["doc_name"].format(customer=safe_folder_name(deal.customer))

    def _copy_request(self, deal: Deal, parent_id: str, ids: dict[str, str]):
        """files.copy of the template, named and marked as the customer's handover."""
        marks = {HANDOVER_KEY: "1", TEMPLATE_KEY: None}  # None: the template's marker is not copied
        if self.rubric.folders["presales"] in ids:  # else set when the copy is moved into its folder
            marks[PRESALES_KEY] = ids[self.rubric.folders["presales"]]
            marks[DATA_KEY] = ids.get(self.rubric.folders["data"])
        body = {"name": self._doc_name(deal), "parents": [parent_id], "appProperties": marks}
        return self._files().copy(fileId=self.template_id, body=body, fields=FILE_FIELDS, supportsAllDrives=True)

    def _made(self, doc: dict, folder_id: str) -> Handover:
        self.recent.remember(folder_id, doc["name"], doc)
        log.info("handover created", extra={"doc_id": doc["id"], "folder_id": folder_id})
        return self._handover(doc, created=True)  # modifiedTime is from before the fill

    def _fill(self, doc_id: str, deal: Deal) -> None:
        """Every field in one Docs batchUpdate."""
        requests = [{"replaceAllText": {"containsText": {"text": placeholder, "matchCase": True},
                                        "replaceText": value}}
                    for placeholder, value in deal.replacements(self.rubric).items()]
        if requests:
            call("fill the handover fields", lambda: self._documents().batchUpdate(
                documentId=doc_id, body={"requests": requests}).execute(), self.policy, self.quotas.docs_writes)

    def _discard(self, doc_id: str, cause: StepError) -> None:
        """A half-made copy (unfilled, or not in its folder) must not be mistaken for a handover:
        move it to the trash (a shared drive's Content manager, as the service account is, may
        trash but not delete), or say where it is."""
        try:
            call("remove the half-made copy", lambda: self._files().update(
                fileId=doc_id, body={"trashed": True}, fields="id", supportsAllDrives=True).execute(), self.policy)
        except StepError as exc:
            raise StepError(cause.step, cause.status,
                            f"{cause.detail}; a half-made copy is left at document {doc_id} ({exc.detail})") from exc

    def handover(self, doc_id: str, created: bool = False) -> Handover:
        meta = call("read the document's details", lambda: self._files().get(
            fileId=doc_id, fields=FILE_FIELDS, supportsAllDrives=True).execute(), self.policy)
        return self._handover(meta, created)

    def _handover(self, meta: dict, created: bool) -> Handover:
        props = meta.get("appProperties") or {}
        presales = props.get(PRESALES_KEY) or (meta.get("parents") or [""])[0]
        return Handover(doc_id=meta["id"], name=meta.get("name", ""),
                        url=meta.get("webViewLink") or f"https://docs.google.com/document/d/{meta['id']}/edit",
                        folder_url=folder_url(presales), modified_time=meta.get("modifiedTime", ""),
                        study_id=props.get(STUDY_KEY, ""), created=created,
                        folder_id=(meta.get("parents") or [""])[0], data_folder=props.get(DATA_KEY, ""))

    def data_folder(self, meta: Handover) -> str:
        """A handover made before its DS Data folder was marked on it: the folder found from the
        handover's own folder, up to the folder both are in and down to DS Data ("" if not there)."""
        if not meta.folder_id:
            return ""
        handover, data = self.rubric.folders["handover"].split("/"), self.rubric.folders["data"].split("/")
        shared = next((i for i, (a, b) in enumerate(zip(handover, data)) if a != b), min(len(handover), len(data)))
        folder = meta.folder_id
        for _ in handover[shared:]:
            parents = self._parents(folder, "find the DS Data folder")
            if not parents:
                return ""
            folder = parents[0]
        for name in data[shared:]:
            found = self.folders.list("find the DS Data folder", f"{q_string(folder)} in parents and name = "
                                      f"{q_string(name)} and mimeType = {q_string(FOLDER)} and trashed = false",
                                      fields="files(id)")
            if not found:
                return ""
            folder = found[0]["id"]
        return folder

    def data_files(self, folder: str) -> DataFiles:
        return DriveData(self.drive, self.folders, self.policy, self.clients_factory).read(folder)

    def export_snapshot(self, doc_id: str) -> bytes:
        """The document as a PDF (Drive's export, as the service account), through a Drive client
        of its own so it can run beside the submit's other calls."""
        drive = self.clients_factory().drive if self.clients_factory else self.drive
        return call("export the handover as a PDF", lambda: resource(drive, "files").export(
            fileId=doc_id, mimeType="application/pdf").execute(), self.policy)

    def save_snapshot(self, meta: Handover, data: bytes, when: str) -> str:
        """The PDF uploaded beside the handover, named for the submission; its link."""
        name = f"{meta.name} - submitted {when[:16].replace('T', ' ')} UTC.pdf"
        made = call("save the submitted version", lambda: self._files().create(
            body={"name": name, "parents": [meta.folder_id] if meta.folder_id else [], "mimeType": "application/pdf"},
            media_body=MediaInMemoryUpload(data, mimetype="application/pdf", resumable=False),
            fields="id,webViewLink", supportsAllDrives=True).execute(), self.policy)
        return made.get("webViewLink") or f"https://drive.google.com/file/d/{made['id']}/view"

    def open(self, doc_id: str, strict: bool = False) -> Opened:
        """As the base, with the details and DS Data (Drive, as the service account) read beside
        the content (Docs, as the rep): each service has its own connection."""
        with ThreadPoolExecutor(max_workers=1) as pool:
            side = pool.submit(self._details_and_data, doc_id, strict)
            document = self.read(doc_id)
            meta, data = side.result()
            return Opened(document, meta, data)

    def read(self, doc_id: str) -> Document:
        """The document, read as the rep when their token came with the event, else as the
        service account (the scheduled refresh), paced to its quota."""
        return self._read_with(self.docs, doc_id, http=self.user_http)

    def _read_with(self, docs, doc_id: str, http=None) -> Document:
        """One documents.get built from `docs` and sent through `http` (the rep's) or, as the
        service account, through `docs`' own connection, each attempt waiting its turn under the
        service account's quota."""
        request = lambda: self._documents(docs).get(  # noqa: E731
            documentId=doc_id, includeTabsContent=True, suggestionsViewMode=SUGGESTIONS_VIEW).execute(http=http)
        return read_docs_json(call("read the document", request, self.policy,
                                   None if http else self.quotas.docs_reads))

    def read_many(self, doc_ids: list[str]) -> dict:
        """Many documents in parallel (8 threads, each with its own Docs service)."""
        if self.clients_factory is None or len(doc_ids) < 2:
            return super().read_many(doc_ids)
        local = threading.local()

        def one(doc_id: str):
            if not hasattr(local, "docs"):
                local.docs = self.clients_factory().docs
            try:
                return doc_id, self._read_with(local.docs, doc_id)
            except Exception as exc:  # noqa: BLE001 - reported per document
                return doc_id, exc

        with ThreadPoolExecutor(max_workers=PARALLEL_READS) as pool:
            return dict(pool.map(one, doc_ids))

    def gap_analysis_folder(self, record: dict) -> str:
        folder = record.get("data_folder") or ""
        try:
            parents = self._parents(folder, "find the Desktop Study folder") if folder else []
        except StepError:  # DS Data moved or deleted since submission
            parents = []
        return parents[0] if parents else self.handover(record["doc_id"]).folder_id

    def _parents(self, file_id: str, step: str) -> list[str]:
        """The folders a file or folder is in (one, in practice)."""
        return call(step, lambda: self._files().get(fileId=file_id, fields="parents", supportsAllDrives=True).execute(),
                    self.policy).get("parents") or []

    def save_gap_analysis(self, record: dict, data: bytes, folder: str) -> str:
        """Uploaded as a Google Doc (Drive converts the .docx)."""
        name = gap_analysis_name(record).removesuffix(".docx")
        made = call("save the gap analysis", lambda: self._files().create(
            body={"name": name, "parents": [folder] if folder else [], "mimeType": "application/vnd.google-apps.document"},
            media_body=MediaInMemoryUpload(data, mimetype=DOCX, resumable=False),
            fields="id,webViewLink", supportsAllDrives=True).execute(), self.policy)
        return made.get("webViewLink") or f"https://docs.google.com/document/d/{made['id']}/edit"

    def write_cover(self, doc_id: str, changes: dict[str, str]) -> None:
        """One Docs batchUpdate as the service account (who made the handover)."""
        requests = [{"replaceAllText": {"containsText": {"text": now, "matchCase": True}, "replaceText": new}}
                    for now, new in changes.items()]
        call("fill in the cover's study ID and status", lambda: self._documents().batchUpdate(
            documentId=doc_id, body={"requests": requests}).execute(), self.policy, self.quotas.docs_writes)

    def set_study_id(self, doc_id: str, study_id: str) -> str:
        made = call("save the study id on the document", lambda: self._files().update(
            fileId=doc_id, body={"appProperties": {STUDY_KEY: study_id, HANDOVER_KEY: "1"}},
            fields="id,modifiedTime", supportsAllDrives=True).execute(), self.policy)
        return made.get("modifiedTime", "")

    def handovers_modified(self, doc_ids: list[str]) -> dict[str, str]:
        """All handovers' modified times in one listing (pages of 1,000), not one call each."""
        wanted = set(doc_ids)
        q = f"appProperties has {{ key={q_string(HANDOVER_KEY)} and value='1' }} and trashed = false"
        files = self.folders.list("list handover documents", q, fields="files(id,modifiedTime)")
        return {f["id"]: f.get("modifiedTime", "") for f in files if f["id"] in wanted}
