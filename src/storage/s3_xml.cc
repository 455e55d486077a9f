#include "storage/s3_xml.h"

#include <cstdlib>

namespace tributary::storage {
namespace {

void AppendUtf8(uint32_t code_point, std::string& out) {
  if (code_point < 0x80) {
    out.push_back(static_cast<char>(code_point));
  } else if (code_point < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (code_point >> 6)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else if (code_point < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (code_point >> 12)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (code_point >> 18)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  }
}

// Finds the next element `name` at or after `from`; returns the inner range.
bool FindElement(std::string_view xml, std::string_view name, size_t from, size_t* inner_begin,
                 size_t* inner_end, size_t* after) {
  std::string open = "<" + std::string(name);
  std::string close = "</" + std::string(name) + ">";
  size_t pos = from;
  while ((pos = xml.find(open, pos)) != std::string_view::npos) {
    size_t tag_end = pos + open.size();
    char next = tag_end < xml.size() ? xml[tag_end] : '\0';
    if (next == '>' || next == ' ' || next == '/') {
      size_t gt = xml.find('>', tag_end);
      if (gt == std::string_view::npos) return false;
      if (xml[gt - 1] == '/') {  // <Name/>: empty element
        *inner_begin = *inner_end = gt + 1;
        *after = gt + 1;
        return true;
      }
      size_t end = xml.find(close, gt + 1);
      if (end == std::string_view::npos) return false;
      *inner_begin = gt + 1;
      *inner_end = end;
      *after = end + close.size();
      return true;
    }
    pos = tag_end;
  }
  return false;
}

}  // namespace

std::optional<std::string> XmlElementText(std::string_view xml, std::string_view name) {
  size_t begin, end, after;
  if (!FindElement(xml, name, 0, &begin, &end, &after)) return std::nullopt;
  return XmlUnescape(xml.substr(begin, end - begin));
}

std::vector<std::string_view> XmlElements(std::string_view xml, std::string_view name) {
  std::vector<std::string_view> elements;
  size_t begin, end, after = 0;
  while (FindElement(xml, name, after, &begin, &end, &after)) {
    elements.push_back(xml.substr(begin, end - begin));
  }
  return elements;
}

std::string XmlUnescape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '&') {
      out.push_back(text[i]);
      continue;
    }
    size_t semicolon = text.find(';', i);
    if (semicolon == std::string_view::npos) {
      out.push_back('&');
      continue;
    }
    std::string_view entity = text.substr(i + 1, semicolon - i - 1);
    if (entity == "amp") out.push_back('&');
    else if (entity == "lt") out.push_back('<');
    else if (entity == "gt") out.push_back('>');
    else if (entity == "quot") out.push_back('"');
    else if (entity == "apos") out.push_back('\'');
    else if (entity.size() > 1 && entity[0] == '#') {
      std::string digits(entity.substr(entity[1] == 'x' ? 2 : 1));
      AppendUtf8(static_cast<uint32_t>(std::strtoul(digits.c_str(), nullptr,
                                                    entity[1] == 'x' ? 16 : 10)),
                 out);
    } else {
      out.push_back('&');
      continue;
    }
    i = semicolon;
  }
  return out;
}

std::string XmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

}  // namespace tributary::storage
