#!/usr/bin/env python3
"""Prints the RDS IAM tokens that RdsAuthTokenTests expects, made by AWS's own botocore.

botocore's RDS client signs with `generate_db_auth_token` (what `aws rds generate-db-auth-token`
runs). Its clock is frozen at the AWS SigV4 test suite's time, 2015-08-30T12:36:00Z, and it signs
with the test suite's credentials (AKIDEXAMPLE), once without and once with a session token.

Run:  python3 tests/ReplicaBench.Core.Tests/Topology/Iam/rds-token-oracle.py
(needs botocore: pip install botocore; made with botocore 1.43.11). No network is used.
"""
import datetime
from unittest import mock

import botocore
import botocore.auth
import botocore.session

ACCESS_KEY = "AKIDEXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
# The example session token from the AWS STS documentation: it holds '+', '/' and '='.
SESSION_TOKEN = (
    "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/"
    "qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT3"
    "8xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA=="
)
SIGNED_AT = datetime.datetime(2015, 8, 30, 12, 36, 0)  # naive UTC, as botocore's own clock gives it

CASES = [
    # (session token, host, port, user, region)
    (None, "mydb.c1abcdefghij.us-east-1.rds.amazonaws.com", 5432, "jane_doe", "us-east-1"),
    (SESSION_TOKEN, "replica-2.c9xyz0123456.eu-west-1.rds.amazonaws.com", 5433, "bench.user@corp", "eu-west-1"),
]


def main():
    print(f"# botocore {botocore.__version__}")
    for token, host, port, user, region in CASES:
        session = botocore.session.get_session()
        session.set_credentials(ACCESS_KEY, SECRET_KEY, token)
        client = session.create_client("rds", region_name=region)
        with mock.patch.object(botocore.auth, "get_current_datetime", return_value=SIGNED_AT):
            print(client.generate_db_auth_token(host, port, user, region))


if __name__ == "__main__":
    main()
