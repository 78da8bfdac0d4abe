"""The only way WeasyPrint may load anything: bundled assets and data: URLs.

WeasyPrint's own fetcher opens file:// paths, the network and redirects. Ours refuses all of
that, so a policy's text can never make the renderer read a file or call a server.
"""

import mimetypes
from pathlib import Path

from weasyprint.urls import URLFetcher, URLFetcherResponse

ASSET_ROOT = (Path(__file__).parent / "assets").resolve()
ASSET_SCHEME = "asset"


class RefusedURL(ValueError):
    """A URL outside the bundled assets. WeasyPrint skips the resource and goes on."""


class AssetFetcher(URLFetcher):
    """Serves `asset:<path>` from ASSET_ROOT and `data:` URLs; refuses everything else."""

    def __init__(self):
        super().__init__(timeout=5, allowed_protocols={"data", ASSET_SCHEME}, allow_redirects=False)
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        scheme = url.partition(":")[0].lower()
        if scheme == ASSET_SCHEME:
            return self._asset(url)
        if scheme == "data":
            return super().fetch(url, headers)
        self.refused.append(url)
        raise RefusedURL(f"Refused to fetch {url!r}: only bundled assets may be loaded.")

    def _asset(self, url: str) -> URLFetcherResponse:
        name = url.partition(":")[2].split("?")[0].split("#")[0].lstrip("/")
        path = asset_path(name)
        if path is None:
            self.refused.append(url)
            raise RefusedURL(f"Refused to fetch {url!r}: not a bundled asset.")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})


def asset_path(name: str) -> Path | None:
    """The file `name` names inside ASSET_ROOT, or None: no `..`, no symlinks out of it."""
    if not name or "\x00" in name:
        return None
    path = (ASSET_ROOT / name).resolve()
    if not path.is_relative_to(ASSET_ROOT) or not path.is_file():
        return None
    return path
