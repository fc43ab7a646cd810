"""The styled error pages: 404, 500, 413 and JSON errors."""

from practice import permissions


def test_unknown_route_gets_the_styled_404_page(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert "There is no page here." in page
    assert 'class="navbar' in page


def test_error_pages_answer_json_clients_in_json(client):
    response = client.get("/no/such/page", headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert response.json["error"] == "Not Found"


def test_unexpected_error_gets_the_styled_500_page(make_app, monkeypatch):
    app = make_app()  # not TESTING: the error handler answers instead of raising

    @app.get("/_boom")
    def boom():
        raise RuntimeError("secret internals")

    # A page missing from the permission table is refused to everyone: let this one through.
    monkeypatch.setattr(permissions, "PUBLIC", permissions.PUBLIC | {"boom"})

    response = app.test_client().get("/_boom")
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "Something went wrong on our side." in page
    assert "secret internals" not in page
    assert "Traceback" not in page


def test_oversized_request_gets_a_clear_message(client):
    response = client.post("/login", data={"email": "x" * (3 * 1024 * 1024)})
    assert response.status_code == 413
    assert "What you sent is too large." in response.get_data(as_text=True)


def test_assets_are_served_locally(client):
    page = client.get("/login").get_data(as_text=True)
    assert "//cdn" not in page
    assert "https://" not in page
    assert "/bootstrap/static/css/bootstrap.min.css" in page
    for asset in ("/bootstrap/static/css/bootstrap.min.css", "/static/css/app.css"):
        with client.get(asset) as response:  # closes the file the response streams
            assert response.status_code == 200
