"""About and methodology: statuses, how totals treat unknowns and money, sources, licences."""

from __future__ import annotations

import streamlit as st

from tracker.domain.vocab import ALLOWED_TRANSITIONS, STATUS_MEANINGS, label

st.title("About & methodology")
st.markdown(
    "The arms-deal tracker is an open, relational database of arms-procurement deals. "
    "Every fact in a deal record is tied to a source: a citation holds the exact quote "
    "that supports it, and a quote that does not occur in the stored source text is refused."
)

st.header("Statuses")
st.table(
    [
        {
            "status": label(status),
            "meaning": STATUS_MEANINGS[status],
            "may change to": ", ".join(label(s) for s in sorted(ALLOWED_TRANSITIONS[status]))
            or "— (final)",
        }
        for status in STATUS_MEANINGS
    ]
)

st.header("How totals are counted")
st.markdown(
    """
- **Unknown is not zero.** A deal whose quantity or value the sources do not give is
  shown as *unknown*. Totals add up the known quantities and say how many deals they
  leave out ("40, plus 2 deals of unknown quantity").
- **Money is never added across currencies.** Values are summed per currency, with the
  coverage ("value known for 3 of 7 deals"). A total that includes a value reported as
  "over $10 billion" reads *at least*. Offset packages and contract values are both
  values; each deal says which kind it holds.
- **SIPRI TIV is not money.** Trend-indicator values measure military capability, not
  prices, and are kept in separate fields.
- **Dates have a precision.** "2017" means sometime in 2017; it is never shown as
  1 January 2017.
"""
)

st.header("Data sources and licences")
st.markdown(
    """
- **Seed articles**: *Turkey 'refuses to jettison' Russian S-400 missile systems despite
  US pressure*, Press TV, 7 November 2025 (republished by GlobalSecurity.org), and a
  Natural News piece of November 2025 retelling the same Bloomberg report. Quoted for
  research; each seeded field cites them.
- **Country codes**: ISO 3166 via pycountry (iso-codes, LGPL-2.1) plus curated aliases.
- **SIPRI Arms Transfers Database** (when imported by a user): free for non-commercial
  research. Credit line: *Information from the SIPRI Arms Transfers Database*. The
  project ships no SIPRI data.
- Exports record when, from which filters and from which sources they were made
  (the *Export details* download on the Deals page).
"""
)
