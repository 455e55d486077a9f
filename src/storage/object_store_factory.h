// OpenObjectStore: the ObjectStore a sink's configuration names, with the Confluent S3 sink's
// keys (the caller passes the connector's config as a plain map):
//   s3.bucket.name                 bucket (required)
//   store.url                      file:///abs/folder -> LocalStore (<folder>/<bucket>/<key>);
//                                  http(s)://host:port -> an S3-compatible server;
//                                  unset -> $AWS_ENDPOINT_URL_S3, else $AWS_ENDPOINT_URL,
//                                  else AWS S3 at https://s3.<region>.amazonaws.com
//   s3.region                      default us-east-1
//   s3.path.style.access.enabled   default true when store.url is set, else false
//   aws.access.key.id, aws.secret.access.key   else the environment, else ~/.aws/credentials
//   s3.part.size                   multipart part size in bytes, 5 MiB .. 2 GiB, default 25 MiB
//   s3.part.retries                retries per request, default 3
//   s3.retry.backoff.ms            first retry delay, doubling per retry, default 200
// A bad value is an InvalidArgument naming the key, the value and what is allowed.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "storage/aws_credentials.h"
#include "storage/object_store.h"

namespace tributary::storage {

Result<std::unique_ptr<ObjectStore>> OpenObjectStore(
    const std::map<std::string, std::string>& config, const EnvLookup& env = ProcessEnv);

}  // namespace tributary::storage
