# The privacy app keeps no tables of its own: what it exports and deletes lives in the other apps,
# and its audit trail is the audit app's log.
