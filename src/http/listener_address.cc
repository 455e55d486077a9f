#include "http/listener_address.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace tributary::http {
namespace {

std::string Trimmed(std::string text) {
  const auto not_space = [](unsigned char c) { return !std::isspace(c); };
  text.erase(text.begin(), std::find_if(text.begin(), text.end(), not_space));
  text.erase(std::find_if(text.rbegin(), text.rend(), not_space).base(), text.end());
  return text;
}

}  // namespace

Result<ListenerAddress> ParseListeners(const std::string& key, const std::string& listeners,
                                       int example_port) {
  const std::string first = Trimmed(listeners.substr(0, listeners.find(',')));
  const std::string expected = fmt::format("use http://HOST:PORT, e.g. http://0.0.0.0:{}",
                                           example_port);
  const size_t scheme_end = first.find("://");
  if (scheme_end == std::string::npos)
    return Status::InvalidArgument("{}: '{}' is not PROTOCOL://HOST:PORT; {}", key, first,
                                   expected);
  std::string protocol = first.substr(0, scheme_end);
  std::transform(protocol.begin(), protocol.end(), protocol.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  if (protocol == "https")
    return Status::NotSupported("{}: '{}': https listeners are not supported; {}", key, first,
                                expected);
  if (protocol != "http")
    return Status::InvalidArgument("{}: '{}' has unknown protocol '{}'; {}", key, first, protocol,
                                   expected);
  std::string address = first.substr(scheme_end + 3);
  while (!address.empty() && address.back() == '/') address.pop_back();
  const size_t colon = address.rfind(':');
  const size_t bracket = address.rfind(']');
  if (colon == std::string::npos || (bracket != std::string::npos && colon < bracket))
    return Status::InvalidArgument("{}: '{}' has no port; {}", key, first, expected);
  ListenerAddress parsed;
  parsed.host = address.substr(0, colon);
  if (parsed.host.size() >= 2 && parsed.host.front() == '[' && parsed.host.back() == ']')
    parsed.host = parsed.host.substr(1, parsed.host.size() - 2);
  if (parsed.host.empty()) parsed.host = "0.0.0.0";
  const std::string port = address.substr(colon + 1);
  int number = -1;
  auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), number);
  if (ec != std::errc() || end != port.data() + port.size() || number < 0 || number > 65535)
    return Status::InvalidArgument("{}: '{}' has an invalid port '{}'; use 0..65535", key, first,
                                   port);
  parsed.port = number;
  return parsed;
}

}  // namespace tributary::http
