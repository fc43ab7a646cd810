import re
from pathlib import Path

from playwright.sync_api import expect

from practice.demo import ensure_demo_clinic
from practice.extensions import db


def test_a_clinician_signs_in_sees_the_clinic_and_signs_out(app, page, instance_path: Path):
    with app.app_context():
        demo = ensure_demo_clinic(instance_path)
        db.session.commit()
        password = demo.password

    page.goto("/")
    expect(page).to_have_url(re.compile(r"/login"))
    expect(page.get_by_text("Please sign in to continue.")).to_be_visible()

    page.get_by_label("Email").fill("clinician@demo.example")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("The email or password is not right")
    expect(page.get_by_label("Email")).to_have_value("clinician@demo.example")

    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Demo Physiotherapy Clinic")).to_be_visible()
    expect(page.get_by_test_id("signed-in-as")).to_contain_text("Alex Morgan")

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_text("You have signed out.")).to_be_visible()
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/login"))
