"""What each page shows, computed from query results: KPI cards and finding titles."""
