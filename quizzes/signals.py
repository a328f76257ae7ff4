from django.dispatch import Signal

# Sent inside the grading transaction with `attempt` (a graded Attempt), so a receiver that
# records completion commits or rolls back together with the grade.
attempt_graded = Signal()
