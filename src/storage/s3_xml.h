// The few pieces of S3's XML answers that the client reads (error codes, upload ids, listing
// entries). S3 answers are flat and machine-written, so element lookup by name is enough; this
// is not a general XML parser.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tributary::storage {

// The unescaped text of the first <name>...</name> in `xml`, or nullopt.
std::optional<std::string> XmlElementText(std::string_view xml, std::string_view name);

// The raw inner XML of every <name>...</name> in `xml`, in order.
std::vector<std::string_view> XmlElements(std::string_view xml, std::string_view name);

// Replaces &amp; &lt; &gt; &quot; &apos; and numeric character references.
std::string XmlUnescape(std::string_view text);

// Escapes & < > " ' for element text.
std::string XmlEscape(std::string_view text);

}  // namespace tributary::storage
