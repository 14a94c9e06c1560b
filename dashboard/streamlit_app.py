"""Entry point of the Streamlit dashboard: page setup and navigation."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

# `streamlit run dashboard/streamlit_app.py` puts dashboard/ on the path, not the project.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

st.set_page_config(page_title="Arms-deal tracker", page_icon="📑", layout="wide")

navigation = st.navigation(
    [
        st.Page(
            "app_pages/overview.py", title="Overview", icon="📊", url_path="overview", default=True
        ),
    ]
)
navigation.run()
