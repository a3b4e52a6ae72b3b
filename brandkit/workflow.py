"""The GitHub Pages workflow (``brandkit ci``, ``brandkit init --ci``).

GitHub's runner has to install brandkit from somewhere. It installs it from where this
brandkit came from, as the installed distribution records it (PEP 610's
``direct_url.json``): a git install → that repository at that commit; a package index →
that release; a folder on this machine → nowhere a runner can reach, so no workflow is
written and ``brandkit deploy``-style publishing (build here, push the built site) is the
way. Never a version pin guessed from ``__version__``: a release that no index has fails
every first deploy, and a name someone else registers would run a stranger's code.
"""

from __future__ import annotations

import json
from pathlib import Path

from brandkit import extras as extras_here
from brandkit.errors import BrandkitError
from brandkit.messages import say

WORKFLOW_FILE = ".github/workflows/pages.yml"
_SCHEMES = ("https://", "http://", "ssh://", "git://")


def requirement(direct_url: str | None, version: str, extras: tuple[str, ...] = ()) -> str:
    """The pip requirement that installs this brandkit on another machine.

    ``direct_url``: the text of the distribution's ``direct_url.json`` (None when pip
    installed it from a package index); ``version``: the installed version; ``extras``:
    the optional extras to install with it.
    """
    name = f"brandkit[{','.join(extras)}]" if extras else "brandkit"
    if direct_url is None:
        return f"{name}=={version}"
    try:
        record = json.loads(direct_url)
        url = str(record["url"])
    except (ValueError, KeyError, TypeError):
        raise BrandkitError(say("workflow_unknown_origin")) from None
    vcs = record.get("vcs_info")
    if isinstance(vcs, dict):
        commit = str(vcs.get("commit_id", ""))
        if vcs.get("vcs") != "git" or not commit or not url.startswith(_SCHEMES):
            raise BrandkitError(say("workflow_local_install", url=url))
        return f"{name} @ git+{url}@{commit}"
    archive = record.get("archive_info")
    if isinstance(archive, dict) and url.startswith(("https://", "http://")):
        return f"{name} @ {url}"
    # dir_info (a folder, editable or not), a file:// archive: only this machine has it.
    raise BrandkitError(say("workflow_local_install", url=url))


def installed_workflow(output: str) -> tuple[str, str]:
    """The workflow for the brandkit that is running, uploading ``output``: (what it
    installs, its text). With the extras installed here, so the published site has what a
    build here makes (share images need ``pdf``, the vCards' photo ``images``)."""
    have = extras_here.installed()
    install = installed_requirement(have)
    return install, workflow(install, output, have)


def installed_requirement(extras: tuple[str, ...] = ()) -> str:
    """``requirement`` for the brandkit that is running, with ``extras``."""
    from importlib import metadata

    try:
        dist = metadata.distribution("brandkit")
    except metadata.PackageNotFoundError:  # run from a source folder, never installed
        raise BrandkitError(say("workflow_local_install", url=str(Path(__file__).parent.parent))) from None
    return requirement(dist.read_text("direct_url.json"), dist.version, extras)


def workflow(install: str, output: str, extras: tuple[str, ...] = ()) -> str:
    """The workflow's text: install ``install`` (a pip requirement, with ``extras``), build
    the site at the repository's top with the address GitHub Pages gives, upload ``output``."""
    quoted = json.dumps(install)  # a YAML double-quoted scalar is a JSON string
    pango = PANGO if "pdf" in extras else ""
    return f"""# Publish the site with GitHub Pages (Settings → Pages → Source: GitHub Actions).
# Written by `brandkit ci`. It builds from profile.yaml in this repository: in a public
# repository everything in that file is public. Keep card-only contacts (your phone)
# out of it, or publish with a local build instead.
name: Publish site
on:
  push:
    branches: [main]
  workflow_dispatch:
permissions:
  contents: read
  pages: write
  id-token: write
concurrency:
  group: pages
  cancel-in-progress: false
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.12"
{pango}      # brandkit as installed where this workflow was written.
      - run: python -m pip install {quoted}
      - id: pages
        uses: actions/configure-pages@v5
      # base_url is https://<user>.github.io/<repo> (or your custom domain).
      - run: brandkit build . --base-url "${{{{ steps.pages.outputs.base_url }}}}/"
      - uses: actions/upload-pages-artifact@v5
        with:
          path: {json.dumps(output)}
          include-hidden-files: true   # keep .nojekyll and .well-known
  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{{{ steps.deployment.outputs.page_url }}}}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v4
"""


# WeasyPrint (the pdf extra: card PDFs, share images, backgrounds) draws with Pango, and
# Japanese needs a CJK font: the runner's image has neither for sure.
PANGO = """      # For the pdf extra: WeasyPrint's Pango, and Noto CJK for the Japanese text.
      - run: >-
          sudo apt-get update -q &&
          sudo apt-get install -y -q --no-install-recommends
          libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-cjk
"""


def upload_path(folder: Path, output: str) -> str:
    """``site.output`` as the workflow names it: relative to the repository's top (the
    site folder), in forward slashes; refused when it leaves the site folder."""
    site = folder.resolve()
    target = (site / output).resolve()
    if target == site or site not in target.parents:
        raise BrandkitError(say("workflow_output_outside", output=output))
    return target.relative_to(site).as_posix()


def write_workflow(folder: Path, force: bool = False) -> tuple[str, str]:
    """``brandkit ci``: write the workflow for the site in ``folder`` (its profile must
    load: the upload path follows ``site.output``); (path written, what it installs)."""
    import os

    from brandkit.output import replace_file, write_new_files
    from brandkit.profile import load_site

    site = load_site(folder)
    install, text = installed_workflow(upload_path(folder, site.profile.site.output))
    data = text.encode("utf-8")
    target = folder / WORKFLOW_FILE
    if os.path.lexists(target) and not force:
        raise BrandkitError(say("workflow_exists", path=str(target)))
    if force:
        replace_file(folder, WORKFLOW_FILE, data)
    else:
        write_new_files(folder, {WORKFLOW_FILE: data})
    return str(target), install
