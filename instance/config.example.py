# Copy to instance/config.py and adjust. Environment variables override what is set here.

# PostgreSQL instead of the embedded SQLite file:
# SQLALCHEMY_DATABASE_URI = "postgresql+psycopg://practice:secret@127.0.0.1:5432/practice"

# Sign out after this many minutes without a request (default 30).
# SESSION_IDLE_MINUTES = 30

# Always mark the session cookie Secure (it is already when a request arrives over HTTPS).
# SESSION_COOKIE_SECURE = True
