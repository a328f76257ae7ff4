"""The columns of ACCME's PARS learner template, in the template's order.

The Excel learner template and its tab-delimited text form (Learner Template B) share one column
list: the text file is the workbook saved as tab-delimited text. docs/pars.md gives the sources,
the format of each column and where its value comes from.
"""

ACTIVITY_ID = "ACCME Activity ID"
FIRST_NAME = "First Name"
LAST_NAME = "Last Name"
DOB_MONTH = "DOB Month"
DOB_DAY = "DOB Day"
COMPLETION_DATE = "Completion Date"
NPI = "NPI"
CME_CREDIT_TYPE = "CME Credit Type"
CME_CREDITS = "CME Credits"
BOARD = "Board"
BOARD_ID = "Board ID"
MOC_CREDIT_TYPE = "MOC Credit Type"
MOC_POINTS = "MOC Points"
LICENSING_BOARD = "Licensing Board"
LICENSE_NUMBER = "License Number"
ACTION = "Action"

HEADERS = [
    ACTIVITY_ID,
    FIRST_NAME,
    LAST_NAME,
    DOB_MONTH,
    DOB_DAY,
    COMPLETION_DATE,
    NPI,
    CME_CREDIT_TYPE,
    CME_CREDITS,
    BOARD,
    BOARD_ID,
    MOC_CREDIT_TYPE,
    MOC_POINTS,
    LICENSING_BOARD,
    LICENSE_NUMBER,
    ACTION,
]

DATE_FORMAT = "%m/%d/%Y"
# The CME credit the state boards read in PARS: physicians' AMA PRA Category 1 Credit™.
CME_CREDIT_CODE = "AMA PRA Category 1"
ADD, DELETE = "Add", "Delete"
