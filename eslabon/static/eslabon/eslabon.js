// Eslabón: small behaviours without inline script, so the Content-Security-Policy can forbid it.
document.addEventListener("change", (event) => {
  const field = event.target;
  if (field instanceof HTMLElement && field.hasAttribute("data-submit-on-change") && field.form) {
    field.form.submit();
  }
});
