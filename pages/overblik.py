"""Overblik: overall unemployment, by age band, and forsørgertryk by origin."""

from dashboard import ui
from dashboard.views import overblik as view

ui.page_title(view.TITLE, view.LEAD)
state = ui.filter_bar(view.FILTERS)
ui.show(view.content(state.values))
