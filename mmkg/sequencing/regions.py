"""The regions sequencing questions are answered for, and the agency whose approvals count in each.

Constants only: the CLI reads them to check its options before anything heavy is imported.
"""

from __future__ import annotations

AGENCY = "https://w3id.org/mmkg/agency/"
FDA, EC, AIFA = AGENCY + "FDA", AGENCY + "EC", AGENCY + "AIFA"
AGENCY_OF_REGION = {"US": FDA, "EU": EC, "IT": EC}
REGIONS = tuple(AGENCY_OF_REGION)  # IT: the EU's approvals with AIFA's decisions
