"""The "CME records" screens: revoke a certificate, grant an extra attempt, record a completion by
hand, anonymize a member, and the menu that also leads to the PARS and CPE Monitor exports and the
member import."""
