"""The CPE Monitor batch file for NABP: pharmacists' and pharmacy technicians' ACPE credit on one
activity, the rows NABP would reject set apart with the reason, and the record of what was reported
against ACPE's 60-day deadline."""
