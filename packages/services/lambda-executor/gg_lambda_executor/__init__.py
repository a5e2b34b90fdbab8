"""LocalStack Lambda runtime executor: each execution environment is a Node process on the host."""
