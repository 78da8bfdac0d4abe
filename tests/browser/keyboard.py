"""Keyboard helpers for the browser journeys: move the focus with Tab and check it shows."""

from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.browser.motion import wait_until_still

# Visible focus: the browser's focus ring (an outline) or Bootstrap's (a box shadow).
FOCUS_SHOWN = """el => {
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    return el.matches(':focus-visible') && (outline || style.boxShadow !== 'none');
}"""


def expect_visible_focus(target: Locator) -> None:
    """`target` has the keyboard focus, and a visible focus indicator."""
    expect(target).to_be_focused()
    # The ring is drawn with the next style update, which a loaded machine may delay.
    try:
        target.page.wait_for_function(FOCUS_SHOWN, arg=target.element_handle(), timeout=5_000)
    except PlaywrightTimeoutError:
        raise AssertionError(f"no visible focus on {target}") from None


def tab_to(page: Page, target: Locator, *, backwards: bool = False, limit: int = 60) -> None:
    """Press Tab (Shift+Tab when `backwards`) until `target` has the focus, then check that
    the focus shows. A dialog still fading in is waited for first: it takes the focus to
    itself when its transition ends, and would undo the presses made before."""
    wait_until_still(page)
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(limit):
        if target.evaluate("el => el === document.activeElement"):
            break
        page.keyboard.press(key)
    else:
        raise AssertionError(f"{limit} presses of {key} never reached {target}")
    expect_visible_focus(target)


def press_and_load(page: Page, key: str) -> None:
    """Press `key` on a link or a submit button, and wait until the page it loads is there."""
    with page.expect_event("domcontentloaded"):
        page.keyboard.press(key)
