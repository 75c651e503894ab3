"""The quiz app's hook for apps above it: sent whenever an attempt's cached total changes
(submit, a teacher's score, a regrade), with `attempt_id` and `assignment_id` (None for a
teacher's preview). Receivers that do slow work defer it
with `transaction.on_commit`. Used by `lti` to send grades to the LMS."""

from django.dispatch import Signal

attempt_total_changed = Signal()
