"""Questions out of and into other systems: a lesson's quiz as Moodle XML and as a QTI 1.2
package, and a Moodle XML question bank into a lesson's quiz. What each format cannot express is
downgraded, and listed in docs/question-exchange.md."""
