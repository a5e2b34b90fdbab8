"""boto3 against an S3 endpoint as the original Python API used it: put_object of bytes and of a
file object, upload_fileobj of a file large enough to go multipart, get_object back.
Usage: boto3_roundtrip.py <endpoint> <bucket> <in-dir>; prints one JSON object."""

import hashlib
import json
import sys

import boto3
from boto3.s3.transfer import TransferConfig

endpoint, bucket, folder = sys.argv[1:4]
s3 = boto3.client(
    "s3",
    endpoint_url=endpoint,
    region_name="us-east-1",
    aws_access_key_id="test",
    aws_secret_access_key="test",
)


def sha(b: bytes) -> str:
    return hashlib.sha256(b).hexdigest()


def read(key: str) -> bytes:
    return s3.get_object(Bucket=bucket, Key=key)["Body"].read()


out = {"boto3": boto3.__version__}
small = open(f"{folder}/small.bin", "rb").read()
s3.put_object(Bucket=bucket, Key="boto3/bytes.bin", Body=small, ContentType="image/jpeg")
out["bytes"] = sha(read("boto3/bytes.bin")) == sha(small)
# A file object is what makes botocore send `Expect: 100-continue`.
with open(f"{folder}/small.bin", "rb") as f:
    s3.put_object(Bucket=bucket, Key="boto3/file.bin", Body=f)
out["file"] = sha(read("boto3/file.bin")) == sha(small)
# 5 MiB parts (S3's minimum) over a larger file: several UploadPart calls, each with Expect.
config = TransferConfig(multipart_threshold=5 * 1024 * 1024, multipart_chunksize=5 * 1024 * 1024)
with open(f"{folder}/large.bin", "rb") as f:
    s3.upload_fileobj(f, bucket, "boto3/large.bin", Config=config)
large = open(f"{folder}/large.bin", "rb").read()
out["large"] = sha(read("boto3/large.bin")) == sha(large)
out["large_etag"] = s3.head_object(Bucket=bucket, Key="boto3/large.bin")["ETag"]
print(json.dumps(out))
