"""Waiting for a page to stand still: dialogs that fade in are neither painted in their own
colours nor done with the focus until their transitions end."""

from playwright.sync_api import Page

# Every running animation or transition with an end, and the frame after it, in which the
# page's own `transitionend` handlers (a dialog moving the focus into itself) have run.
STILL = """() => Promise.all(document.getAnimations()
    .filter(a => a.playState === 'running' && isFinite(a.effect?.getComputedTiming().endTime))
    .map(a => a.finished.catch(() => null)))
  .then(() => new Promise(done => requestAnimationFrame(() => done())))"""


def wait_until_still(page: Page) -> None:
    """Return once nothing on `page` is moving any more."""
    page.evaluate(STILL)
