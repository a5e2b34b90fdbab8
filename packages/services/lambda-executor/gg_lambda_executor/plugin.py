from localstack.services.lambda_.invocation.plugins import RuntimeExecutorPlugin


class NodeProcessExecutorPlugin(RuntimeExecutorPlugin):
    """Selected with LAMBDA_RUNTIME_EXECUTOR=gg-node."""

    name = "gg-node"

    def load(self, *args, **kwargs):
        # Imported lazily, as LocalStack's own docker plugin does: plugin discovery must stay cheap.
        from gg_lambda_executor.executor import NodeProcessRuntimeExecutor

        return NodeProcessRuntimeExecutor
