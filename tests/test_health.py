from practice import create_app


def test_health_is_ok_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok"}


def test_health_is_503_with_a_reason_when_the_database_does_not_answer(tmp_path):
    unreachable = f"sqlite:///{tmp_path / 'missing-folder' / 'db.sqlite3'}"
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": unreachable})
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.json["status"] == "unavailable"
    assert response.json["reason"] == "the database is not answering"
