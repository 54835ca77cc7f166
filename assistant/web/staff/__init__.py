"""The staff area at ``/staff``: a sign-in page, then a Gradio page comparing ethics codes.

Routes (all under ``/staff``; the public chat never links here):

* ``GET/POST /staff/login`` — our own sign-in form (users file + bcrypt, ``auth.py``);
  wrong credentials get a clear refusal (401), repeated failures 429 with ``Retry-After``
  (``signin.py``, an ``APIRouter`` whose routes get the app's `StaffAuth` from a dependency).
* ``GET /staff/logout`` — revokes the session and returns to the sign-in form.
* everything else — the Gradio staff page (``page.py``, its "Compare codes" tab in
  ``compare.py``), behind the ASGI guard of ``guard.py``: without a valid, unexpired session a
  browser page load is sent to the sign-in form and every other request (``/staff/config``,
  ``/staff/gradio_api/...``, files) gets 401 JSON. Router dependencies cannot cover a mounted
  app, hence the guard; Gradio's own ``auth_dependency`` checks the same session as a second lock.

With ``staff_users_file`` unset, every ``/staff`` URL answers 404 "Staff area not
configured"; with the file set but missing or without users, 503 with the same message.
``mount.py`` puts it all on the app. This package's ``__init__`` imports nothing, so the
users CLI (``assistant.staff_users``) loads ``auth.py`` without Gradio.
"""

STAFF_PATH = "/staff"
