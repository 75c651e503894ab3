// Posts a form marked data-autosubmit as soon as the page loads (the deep-linking answer to
// the LMS); the button is there for browsers without JavaScript.
document.querySelectorAll("form[data-autosubmit]").forEach((form) => form.submit());
