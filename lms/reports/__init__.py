"""The CME coordinator's reports and dashboard panel in the Wagtail admin.

Each report is a Wagtail `ReportView` in a module of its own: filterable, exportable to CSV
and XLSX from the same rows the screen shows, and open only to users who may view members.
"""
