#include "mysql/column_def.h"

#include <strings.h>

namespace tributary::mysql {

int TableDef::ColumnIndex(std::string_view name) const {
  for (size_t i = 0; i < columns.size(); ++i) {
    const std::string& c = columns[i].name;
    if (c.size() == name.size() && strncasecmp(c.data(), name.data(), name.size()) == 0) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

}  // namespace tributary::mysql
