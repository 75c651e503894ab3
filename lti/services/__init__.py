"""The LTI tool's writes: `launch` (a verified launch signs a person in and opens the right page),
`grades` (scores to the LMS gradebook, AGS), `roster` (the LMS roster as a class, NRPS) and
`links` (deep linking: a teacher picks a lesson inside the LMS) and `identities` (the school
administrator links one person's accounts from two LMSes, or splits an identity off)."""
