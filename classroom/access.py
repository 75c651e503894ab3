"""Who may open the teacher pages. Anonymous visitors go to the login page; signed-in users who
are not teachers get 403. Which class a teacher may see is decided by the selectors
(`classroom_get_for_teacher` and friends): another teacher's class is a 404."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render


def teacher_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.is_teacher:
            return render(request, "403.html", status=403)
        return view(request, *args, **kwargs)

    return wrapper
