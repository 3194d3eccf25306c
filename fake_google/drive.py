"""Drive v3: files.create/get/list/copy/update/delete/export, comments.list, drives.*.

Shared drives behave as in Drive: a shared drive's id works as a folder id, files
inside carry ``driveId``, and a request touching them without
``supportsAllDrives=true`` answers 404 (files.list leaves them out unless
``includeItemsFromAllDrives=true``).

Uploads (media, multipart, resumable) are in drive_uploads.py.
"""

import json
import re
import time

from .drive_listing import check_field_names, decode_page_token, encode_page_token, order_files
from .drive_query import parse_query
from .errors import drive_error, file_not_found
from .fields import apply_fields, parse_or_error

FOLDER = "application/vnd.google-apps.folder"
DOCUMENT = "application/vnd.google-apps.document"
SHARED_DRIVE_ROLES = ("organizer", "fileOrganizer", "writer", "commenter", "reader")
# What each shared-drive role may do (Google's "Manager", "Content manager", "Contributor", ...):
EDITORS = ("organizer", "fileOrganizer", "writer")  # add and edit files
MOVERS = ("organizer", "fileOrganizer")  # also move and trash them; only organizers delete for good
SPREADSHEET = "application/vnd.google-apps.spreadsheet"
GOOGLE_PREFIX = "application/vnd.google-apps."
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_LIMIT = 10 * 1024 * 1024  # "the exported content is limited to 10MB" (files.export)

OWNER = {
    "kind": "drive#user",
    "displayName": "Fake User",
    "emailAddress": "fake-user@example.com",
    "me": True,
    "permissionId": "00000000000000000001",
}

DEFAULT_FILE_FIELDS = "kind,id,name,mimeType"
DEFAULT_LIST_FIELDS = "kind,incompleteSearch,nextPageToken,files(kind,id,name,mimeType)"


def web_view_link(file_id, mime_type):
    if mime_type == DOCUMENT:
        return f"https://docs.google.com/document/d/{file_id}/edit"
    if mime_type == SPREADSHEET:
        return f"https://docs.google.com/spreadsheets/d/{file_id}/edit"
    if mime_type == FOLDER:
        return f"https://drive.google.com/drive/folders/{file_id}"
    return f"https://drive.google.com/file/d/{file_id}/view"


class FileView:
    """A file as a search query sees it."""

    def __init__(self, resource, state):
        self.resource = resource
        self.state = state

    def has_parent(self, folder_id):
        if folder_id == "root":
            folder_id = self.state.drive.root_id
        return folder_id in (self.resource.get("parents") or [])

    def is_owned_by(self, who):
        if self.resource.get("driveId"):
            return False
        return who in ("me", OWNER["emailAddress"])

    def full_text(self):
        file_id = self.resource["id"]
        if self.resource["mimeType"] == DOCUMENT:
            return self.state.docs.plain_text(file_id)
        if self.resource["mimeType"] == SPREADSHEET:
            return self.state.sheets.plain_text(file_id)
        return ""


class DriveStore:
    def __init__(self, state):
        self.state = state
        self.files = {}    # id -> file resource (all fields)
        self.blobs = {}    # id -> bytes of non-Google files
        self.drives = {}   # id -> shared drive resource
        self.roles = {}    # shared drive id -> the caller's role in it (one caller: the fake has one identity)
        # Drive's search is not read-after-write consistent: files.list leaves out what was created
        # less than `search_lag` seconds ago (0: it shows everything at once).
        self.search_lag = 0.0
        self.created_at = {}  # file id -> time.monotonic() at creation
        self.root_id = state.ids.drive_id()

    # ------------------------------------------------------------ state helpers

    def new_file(self, name, mime_type, parent_id=None, drive_id=None, content=None,
                 extra=None):
        """Add a file (with its content) and return its id."""
        is_editor_file = mime_type in (DOCUMENT, SPREADSHEET)
        file_id = self.state.ids.editor_file_id() if is_editor_file else self.state.ids.file_id()
        self.created_at[file_id] = time.monotonic()
        now = self.state.clock.now()
        resource = {
            "kind": "drive#file",
            "id": file_id,
            "name": name,
            "mimeType": mime_type,
            "parents": [parent_id or self.root_id],
            "starred": False,
            "trashed": False,
            "explicitlyTrashed": False,
            "createdTime": now,
            "modifiedTime": now,
            "webViewLink": web_view_link(file_id, mime_type),
            "version": "1",
        }
        if drive_id:
            resource["driveId"] = drive_id
        else:
            resource["owners"] = [dict(OWNER)]
            resource["ownedByMe"] = True
        for key, value in (extra or {}).items():
            if value not in (None, {}):
                resource[key] = value
        self.files[file_id] = resource
        self._create_content(file_id, mime_type, content)
        return file_id

    def _create_content(self, file_id, mime_type, content):
        if mime_type == DOCUMENT:
            self.state.docs.create_content(file_id, content)
        elif mime_type == SPREADSHEET:
            self.state.sheets.create_content(file_id, content)
        elif mime_type != FOLDER and not mime_type.startswith(GOOGLE_PREFIX):
            self.blobs[file_id] = content or b""
            self.files[file_id]["size"] = str(len(self.blobs[file_id]))

    def touch(self, file_id, by=None):
        """Record a change: new modifiedTime and version, and who made it (an email) if known."""
        resource = self.files.get(file_id)
        if resource is not None:
            resource["modifiedTime"] = self.state.clock.now()
            resource["version"] = str(int(resource.get("version", "1")) + 1)
            if by:
                resource["lastModifyingUser"] = {"kind": "drive#user", "displayName": by.split("@")[0],
                                                 "emailAddress": by}

    def add_shared_drive(self, name, role="organizer"):
        """A shared drive in which the caller has `role`: organizer (Manager), fileOrganizer
        (Content manager), writer (Contributor), commenter or reader."""
        if role not in SHARED_DRIVE_ROLES:
            raise ValueError(f"role must be one of {', '.join(SHARED_DRIVE_ROLES)}")
        drive_id = self.state.ids.drive_id()
        self.roles[drive_id] = role
        self.drives[drive_id] = {
            "kind": "drive#drive",
            "id": drive_id,
            "name": name,
            "createdTime": self.state.clock.now(),
            "hidden": False,
        }
        return drive_id

    def children(self, folder_id):
        return [f for f in self.files.values() if folder_id in f.get("parents", [])]

    def descendants(self, folder_id):
        found = []
        for child in self.children(folder_id):
            found.append(child)
            if child["mimeType"] == FOLDER:
                found.extend(self.descendants(child["id"]))
        return found

    def _remove(self, file_id):
        resource = self.files.pop(file_id, None)
        if resource is None:
            return
        self.blobs.pop(file_id, None)
        self.state.docs.delete_content(file_id)
        self.state.sheets.delete_content(file_id)

    # ------------------------------------------------------------ visibility

    def visible_file(self, file_id, supports_all_drives):
        resource = self.files.get(file_id)
        if resource is None or (resource.get("driveId") and not supports_all_drives):
            raise file_not_found(file_id)
        return resource

    def _pseudo_folder(self, file_id, supports_all_drives):
        """files.get on "root", the My Drive root id or a shared drive id."""
        if file_id in ("root", self.root_id):
            return {"kind": "drive#file", "id": self.root_id, "name": "My Drive",
                    "mimeType": FOLDER, "parents": [], "trashed": False,
                    "webViewLink": web_view_link(self.root_id, FOLDER)}
        if file_id in self.drives and supports_all_drives:
            drive = self.drives[file_id]
            return {"kind": "drive#file", "id": file_id, "name": drive["name"],
                    "mimeType": FOLDER, "driveId": file_id, "trashed": False,
                    "createdTime": drive["createdTime"],
                    "webViewLink": web_view_link(file_id, FOLDER)}
        return None

    def _folder_for_new_item(self, parents, supports_all_drives):
        """(parent id, drive id) for an item created or moved into ``parents``."""
        if not parents:
            return self.root_id, None
        if len(parents) > 1:
            raise drive_error(403, "Increasing the number of parents is not allowed.",
                              "cannotAddParent")
        parent_id = parents[0]
        if parent_id in ("root", self.root_id):
            return self.root_id, None
        if parent_id in self.drives:
            if not supports_all_drives:
                raise file_not_found(parent_id)
            self._require_role({"driveId": parent_id}, EDITORS, "adding a file")
            return parent_id, parent_id
        parent = self.visible_file(parent_id, supports_all_drives)
        if parent["mimeType"] != FOLDER:
            raise drive_error(403, "The specified parent is not a folder.", "invalidParent")
        self._require_role(parent, EDITORS, "adding a file")
        return parent_id, parent.get("driveId")

    # ------------------------------------------------------------ rendering

    def render_file(self, resource, fields_param, default=DEFAULT_FILE_FIELDS):
        tree = parse_or_error(fields_param or default, "drive")
        check_field_names(tree, "File")
        return apply_fields(resource, tree)

    # ------------------------------------------------------------ files.create

    def files_create(self, req):
        return self.create_file(req, req.json())

    def create_file(self, req, metadata, converted=None):
        """files.create; ``converted`` is the (mimeType, content) of uploaded media."""
        supports = req.flag("supportsAllDrives")
        parent_id, drive_id = self._folder_for_new_item(metadata.get("parents"), supports)
        if converted is None:
            mime_type, content = metadata.get("mimeType") or "application/octet-stream", None
        else:
            mime_type, content = converted
        extra = {key: metadata.get(key) for key in ("appProperties", "properties",
                                                    "description", "starred")}
        name = metadata.get("name") or "Untitled"
        file_id = self.new_file(name, mime_type, parent_id, drive_id, content, extra)
        return self.render_file(self.files[file_id], req.param("fields"))

    # ------------------------------------------------------------ files.get / list

    def files_get(self, req):
        file_id = req.path["fileId"]
        supports = req.flag("supportsAllDrives")
        pseudo = self._pseudo_folder(file_id, supports)
        resource = pseudo or self.visible_file(file_id, supports)
        if req.param("alt") == "media":
            return self._download(resource, req.header("Range"))
        return self.render_file(resource, req.param("fields"))

    def _download(self, resource, wanted=None):
        """The file's bytes; with a Range header ('bytes=0-1023', as MediaIoBaseDownload sends
        one per chunk) that part of them, answered 206 with its Content-Range."""
        if resource["id"] not in self.blobs:
            raise drive_error(403, "Only files with binary content can be downloaded. Use "
                                   "Export with Docs Editors files.", "fileNotDownloadable",
                              "alt")
        data = self.blobs[resource["id"]]
        match = re.fullmatch(r"bytes=(\d+)-(\d*)", (wanted or "").strip())
        if not match:
            return 200, data, {"Content-Type": resource["mimeType"]}
        first = int(match.group(1))
        last = min(int(match.group(2)) if match.group(2) else len(data) - 1, len(data) - 1)
        if first >= len(data):
            return 416, b"", {"Content-Range": f"bytes */{len(data)}"}
        return 206, data[first:last + 1], {"Content-Type": resource["mimeType"],
                                           "Content-Range": f"bytes {first}-{last}/{len(data)}"}

    def files_list(self, req):
        tree = parse_or_error(req.param("fields") or DEFAULT_LIST_FIELDS, "drive")
        check_field_names(tree, "FileList")
        candidates = self._list_candidates(req)
        if self.search_lag:
            settled = time.monotonic() - self.search_lag
            candidates = [f for f in candidates if self.created_at.get(f["id"], 0) <= settled]
        q = req.param("q")
        if q:
            predicate = parse_query(q)
            candidates = [f for f in candidates if predicate(FileView(f, self.state))]
        candidates = order_files(candidates, req.param("orderBy"))
        page_size = req.int_param("pageSize", 100)
        if not 1 <= page_size <= 1000:
            raise drive_error(400, f"Invalid value '{page_size}'. Values must be within the "
                                   "range: [1, 1000]", "invalid", "pageSize")
        signature = json.dumps([q, req.param("orderBy"), req.param("corpora"),
                                req.param("driveId")])
        offset = decode_page_token(req.param("pageToken"), signature)
        page = candidates[offset:offset + page_size]
        result = {"kind": "drive#fileList", "incompleteSearch": False}
        if offset + page_size < len(candidates):
            result["nextPageToken"] = encode_page_token(offset + page_size, signature)
        result["files"] = page
        return apply_fields(result, tree)

    def _list_candidates(self, req):
        corpora = req.param("corpora") or "user"
        drive_id = req.param("driveId")
        include_all = req.flag("includeItemsFromAllDrives")
        if corpora not in ("user", "drive", "domain", "allDrives"):
            raise drive_error(400, f"Invalid value for corpora: {corpora}", "invalid",
                              "corpora")
        if drive_id or corpora == "drive":
            if corpora != "drive" or not drive_id:
                raise drive_error(400, "The driveId parameter must be specified if and only "
                                       "if corpora is set to drive.", "invalid", "driveId")
            if not include_all or not req.flag("supportsAllDrives"):
                raise drive_error(403, "The includeItemsFromAllDrives parameter must be set "
                                       "to true when driveId is specified.",
                                  "teamDriveIncludeItemsRequired")
            if drive_id not in self.drives:
                raise drive_error(404, f"Shared drive not found: {drive_id}", "notFound",
                                  "driveId")
            return [f for f in self.files.values() if f.get("driveId") == drive_id]
        if corpora == "allDrives" and not include_all:
            raise drive_error(403, "The includeItemsFromAllDrives parameter must be set to "
                                   "true when corpora is allDrives.",
                              "teamDriveIncludeItemsRequired")
        return [f for f in self.files.values() if include_all or not f.get("driveId")]

    # ------------------------------------------------------------ copy / update / delete

    def files_copy(self, req):
        supports = req.flag("supportsAllDrives")
        source = self.visible_file(req.path["fileId"], supports)
        if source["mimeType"] == FOLDER:
            raise drive_error(403, "This file cannot be copied by the user.", "cannotCopyFile")
        body = req.json()
        parents = body.get("parents") or [p for p in source.get("parents", []) if p] or None
        parent_id, drive_id = self._folder_for_new_item(parents, supports)
        extra = {}
        for key in ("appProperties", "properties"):
            merged = dict(source.get(key) or {})
            merged.update(body.get(key) or {})
            extra[key] = {k: v for k, v in merged.items() if v is not None}
        extra["description"] = body.get("description", source.get("description"))
        extra["starred"] = body.get("starred")
        name = body.get("name") or f"Copy of {source['name']}"
        file_id = self.new_file(name, source["mimeType"], parent_id, drive_id,
                                content=self._copied_blob(source), extra=extra)
        if source["mimeType"] == DOCUMENT:
            self.state.docs.copy_content(source["id"], file_id)
        elif source["mimeType"] == SPREADSHEET:
            self.state.sheets.copy_content(source["id"], file_id)
        return self.render_file(self.files[file_id], req.param("fields"))

    def _copied_blob(self, source):
        return self.blobs.get(source["id"]) if source["id"] in self.blobs else None

    def files_update(self, req):
        return self.update_file(req, req.path["fileId"], req.json())

    def update_file(self, req, file_id, body, converted=None):
        """files.update; ``converted`` is the (mimeType, content) of uploaded media."""
        supports = req.flag("supportsAllDrives")
        resource = self.visible_file(file_id, supports)
        if "parents" in body:
            raise drive_error(403, "The parents field is not directly writable in update "
                                   "requests. Use the addParents and removeParents "
                                   "parameters instead.", "fieldNotWritable")
        self._move(req, resource, supports)
        if converted is not None or any(k in body for k in ("name", "description", "appProperties", "properties")):
            self._require_role(resource, EDITORS, "editing")
        for key in ("name", "description", "starred"):
            if key in body:
                resource[key] = body[key]
        for key in ("appProperties", "properties"):
            if key in body:
                merged = dict(resource.get(key) or {})
                merged.update(body[key] or {})
                merged = {k: v for k, v in merged.items() if v is not None}
                if merged:
                    resource[key] = merged
                else:
                    resource.pop(key, None)
        if "trashed" in body:
            self._require_role(resource, MOVERS, "moving to trash")
            self._set_trashed(resource, bool(body["trashed"]))
        if converted is not None:
            self._replace_content(resource, *converted)
        self.touch(file_id)
        return self.render_file(resource, req.param("fields"))

    def _replace_content(self, resource, mime_type, content):
        if mime_type == DOCUMENT:
            self.state.docs.create_content(resource["id"], content)
        elif mime_type == SPREADSHEET:
            self.state.sheets.create_content(resource["id"], content)
        else:
            self.blobs[resource["id"]] = content
            resource["size"] = str(len(content))

    def _move(self, req, resource, supports):
        add = [p for p in (req.param("addParents") or "").split(",") if p]
        remove = [p for p in (req.param("removeParents") or "").split(",") if p]
        if not add and not remove:
            return
        self._require_role(resource, MOVERS, "moving")
        parents = [p for p in resource.get("parents", []) if p not in remove]
        drive_id = resource.get("driveId")
        for parent in add:
            parent_id, drive_id = self._folder_for_new_item([parent], supports)
            if parent_id not in parents:
                parents.append(parent_id)
        if len(parents) > 1:
            raise drive_error(403, "Increasing the number of parents is not allowed.",
                              "cannotAddParent")
        if drive_id and len(parents) != 1:
            raise drive_error(403, "A shared drive item must have exactly one parent.",
                              "teamDrivesParentLimit")
        resource["parents"] = parents
        for item in [resource] + (self.descendants(resource["id"])
                                  if resource["mimeType"] == FOLDER else []):
            _set_drive(item, drive_id)

    def _set_trashed(self, resource, trashed):
        resource["trashed"] = trashed
        resource["explicitlyTrashed"] = trashed
        if resource["mimeType"] == FOLDER:
            for child in self.descendants(resource["id"]):
                if not child.get("explicitlyTrashed"):
                    child["trashed"] = trashed

    def _require_role(self, resource, roles, what):
        """Drive's 403 when the caller's role in the file's shared drive does not allow `what`."""
        drive_id = resource.get("driveId")
        if drive_id and self.roles.get(drive_id, "organizer") not in roles:
            raise drive_error(403, f"The user does not have sufficient permissions for this file: {what} "
                                   f"needs the {' or '.join(roles)} role in its shared drive.",
                              "insufficientFilePermissions")

    def files_delete(self, req):
        resource = self.visible_file(req.path["fileId"], req.flag("supportsAllDrives"))
        # Permanent deletion in a shared drive is for its managers; content managers may trash.
        self._require_role(resource, ("organizer",), "deleting")
        if resource["mimeType"] == FOLDER:
            for child in self.descendants(resource["id"]):
                self._remove(child["id"])
        self._remove(resource["id"])
        return 204, b"", {}

    def files_export(self, req):
        resource = self.visible_file(req.path["fileId"], True)
        wanted = req.param("mimeType")
        if resource["mimeType"] == DOCUMENT and wanted == "text/plain":
            text = self.state.docs.plain_text(resource["id"])
            return 200, text.encode("utf-8"), {"Content-Type": "text/plain; charset=utf-8"}
        if resource["mimeType"] == DOCUMENT and wanted == "application/pdf":
            return 200, pdf_of(self.state.docs.plain_text(resource["id"])), {"Content-Type": "application/pdf"}
        if resource["mimeType"] == SPREADSHEET and wanted == "text/csv":
            data = self.state.sheets.first_sheet_csv(resource["id"])
            return 200, data.encode("utf-8"), {"Content-Type": "text/csv; charset=utf-8"}
        if resource["mimeType"] == SPREADSHEET and wanted == XLSX:
            data = self.state.sheets.workbook_xlsx(resource["id"])
            if len(data) > EXPORT_LIMIT:
                raise drive_error(403, "This file is too large to be exported.", "exportSizeLimitExceeded")
            return 200, data, {"Content-Type": XLSX}
        if not resource["mimeType"].startswith(GOOGLE_PREFIX):
            raise drive_error(403, "Export only supports Docs Editors files.",
                              "fileNotExportable")
        raise drive_error(400, f"fake_google cannot export {resource['mimeType']} as {wanted}.",
                          "badRequest", "mimeType")

    def comments_list(self, req):
        """The fake keeps no comments: an empty list (fields is required, as in Drive)."""
        self.visible_file(req.path["fileId"], True)
        if not req.param("fields"):
            raise drive_error(400, "The 'fields' parameter is required for this method.",
                              "required", "fields")
        result = {"kind": "drive#commentList", "comments": []}
        return apply_fields(result, parse_or_error(req.param("fields"), "drive"))

# ---------------------------------------------------------------- helpers

def _set_drive(resource, drive_id):
    if drive_id:
        resource["driveId"] = drive_id
        resource.pop("owners", None)
        resource.pop("ownedByMe", None)
    else:
        resource.pop("driveId", None)
        resource["owners"] = [dict(OWNER)]
        resource["ownedByMe"] = True


def pdf_of(text: str) -> bytes:
    """A real PDF of a document's text (fpdf2), as Drive's export to PDF gives one: each paragraph
    wrapped on A4 pages, in a core font (characters it cannot draw shown as '?': embedding a
    Unicode font costs a third of a second a page set, too slow for a fake under load)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for paragraph in text.encode("latin-1", "replace").decode("latin-1").split("\n"):
        pdf.multi_cell(0, 5, paragraph, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
