"""LocalStack's default (twisted) gateway server, bound to the host GATEWAY_LISTEN names.

LocalStack 4.13.1 ships two servers. Its twisted one listens on every IPv4 interface whatever
GATEWAY_LISTEN says (localstack/runtime/server/twisted.py creates TCP4ServerEndpoint without an
interface). Its hypercorn one binds the given host, but answers `Expect: 100-continue` with
`HTTP/1.1 100 ` and no reason phrase (h11 writes an empty one); botocore before 1.40.21, so boto3
and the AWS CLI of that age, does not recognise that as 100 Continue, takes it for the final
response and fails PutObject with "Connection was closed before we received a valid response"
(BadStatusLine('date: ...')). Twisted sends `HTTP/1.1 100 Continue`. This plugin keeps twisted
and binds it where it was asked to: GATEWAY_SERVER=twisted-loopback.
"""

from localstack.runtime.server.core import RuntimeServer, RuntimeServerPlugin


class TwistedLoopbackServerPlugin(RuntimeServerPlugin):
    name = "twisted-loopback"

    def load(self, *args, **kwargs) -> RuntimeServer:
        # Imported lazily, as LocalStack's own plugins do: loading the plugin list must not
        # import twisted.
        from .twisted_loopback import TwistedLoopbackRuntimeServer

        return TwistedLoopbackRuntimeServer()
