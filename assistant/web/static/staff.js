() => {
  const original = window.fetch;
  window.fetch = async (...args) => {
    const response = await original(...args);
    if (response.status === 401) { window.location.assign("login?expired=1"); }
    return response;
  };
}
