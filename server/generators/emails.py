"""Emails from the seed's templates (jinja2, plain text): the customer data request."""
from __future__ import annotations

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from ..rubric import load_rubric

# Every email's template: the data request here, the notices' in notices.py. Plain-text templates
# as written; the HTML layout (email.html.j2, email_html.py) escaped.
TEMPLATES = Environment(loader=PackageLoader("server.generators", "templates"),
                        autoescape=select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
                        undefined=StrictUndefined, keep_trailing_newline=True)


def data_request_email(industry: str, customer: str, rep: str = "", contact: str = "",
                       signup_url: str = "") -> str:
    """The data-request email for a drilling contractor or a mining company."""
    if industry not in load_rubric().industries:
        raise ValueError(f"industry must be {' or '.join(repr(k) for k in load_rubric().industries)}")
    template = TEMPLATES.get_template(f"data_request_{industry}.txt.j2")
    return template.render(customer=customer, rep=rep, contact=contact, signup_url=signup_url)
