#include "transforms/transform_chain.h"

#include <fmt/format.h>

#include <map>
#include <set>

namespace tributary::transforms {

namespace {

Status Duplicates(const std::vector<std::string>& aliases, std::string_view key) {
  std::set<std::string> seen;
  for (const auto& a : aliases)
    if (!seen.insert(a).second)
      return Status::InvalidArgument("invalid value for configuration {}: duplicate alias '{}'",
                                     key, a);
  return Status::OK();
}

}  // namespace

Result<TransformChain> TransformChain::Create(const connect::Config& config,
                                              const connect::PluginRegistry& registry) {
  TransformChain chain;
  std::vector<std::string> predicate_aliases = config.GetList("predicates");
  TRIB_RETURN_IF_ERROR(Duplicates(predicate_aliases, "predicates"));
  std::map<std::string, std::shared_ptr<connect::Predicate>> predicates;
  for (const auto& alias : predicate_aliases) {
    std::string prefix = "predicates." + alias + ".";
    std::string type_key = prefix + "type";
    std::string class_name = config.GetString(type_key);
    if (class_name.empty())
      return Status::InvalidArgument("missing required configuration {} (the predicate's class)",
                                     type_key);
    auto created = registry.NewPredicate(class_name);
    if (!created.ok()) return created.status().Annotate(type_key);
    std::shared_ptr<connect::Predicate> predicate = std::move(created).value();
    Status s = predicate->Configure(config.WithPrefix(prefix));
    if (!s.ok()) return s.Annotate(fmt::format("predicate '{}' ({}), keys {}*", alias, class_name, prefix));
    predicates.emplace(alias, std::move(predicate));
  }

  std::vector<std::string> aliases = config.GetList("transforms");
  TRIB_RETURN_IF_ERROR(Duplicates(aliases, "transforms"));
  for (const auto& alias : aliases) {
    std::string prefix = "transforms." + alias + ".";
    Stage stage;
    stage.alias = alias;
    std::string type_key = prefix + "type";
    stage.class_name = config.GetString(type_key);
    if (stage.class_name.empty())
      return Status::InvalidArgument(
          "missing required configuration {} (the transformation's class)", type_key);
    auto created = registry.NewTransformation(stage.class_name);
    if (!created.ok()) return created.status().Annotate(type_key);
    stage.transform = std::move(created).value();

    connect::Config own = config.WithPrefix(prefix);
    std::map<std::string, std::string> values = own.values();
    std::string predicate_alias;
    if (auto it = values.find("predicate"); it != values.end()) {
      predicate_alias = it->second;
      values.erase(it);
    }
    if (auto it = values.find("negate"); it != values.end()) {
      auto negate = own.GetBool("negate", false);
      if (!negate.ok()) return negate.status().Annotate(prefix + "negate");
      stage.negate = *negate;
      values.erase(it);
      if (predicate_alias.empty() && stage.negate)
        return Status::InvalidArgument("{}negate is set but {}predicate is not", prefix, prefix);
    }
    if (!predicate_alias.empty()) {
      auto it = predicates.find(predicate_alias);
      if (it == predicates.end())
        return Status::InvalidArgument(
            "{}predicate names '{}', which is not listed in 'predicates' (define it with "
            "predicates={} and predicates.{}.type=...)",
            prefix, predicate_alias, predicate_alias, predicate_alias);
      stage.predicate = it->second;
    }
    Status s = stage.transform->Configure(connect::Config(std::move(values)));
    if (!s.ok())
      return s.Annotate(fmt::format("transform '{}' ({}), keys {}*", alias, stage.class_name, prefix));
    chain.stages_.push_back(std::move(stage));
  }
  return chain;
}

Status TransformChain::Apply(data::Record& record, bool* keep) {
  *keep = true;
  for (auto& stage : stages_) {
    if (stage.predicate && stage.predicate->Test(record) == stage.negate) continue;
    Status s = stage.transform->Apply(record, keep);
    if (!s.ok())
      return s.Annotate(fmt::format("transform '{}' ({})", stage.alias, stage.class_name));
    if (!*keep) return Status::OK();
  }
  return Status::OK();
}

Status TransformChain::Apply(data::RecordBatch& batch, const ErrorHandler& on_error,
                             size_t* dropped) {
  if (dropped) *dropped = 0;
  if (stages_.empty()) return Status::OK();
  auto& records = batch.records;
  size_t out = 0;
  for (size_t i = 0; i < records.size(); ++i) {
    bool keep = true;
    Status s = Apply(records[i], &keep);
    if (!s.ok()) {
      if (!on_error) {
        if (out != i) records[out] = std::move(records[i]);
        records.resize(out + 1);
        return s;
      }
      Status handled = on_error(records[i], s);
      if (!handled.ok()) {
        if (out != i) records[out] = std::move(records[i]);
        records.resize(out + 1);
        return handled;
      }
      continue;
    }
    if (!keep) {
      if (dropped) ++*dropped;
      continue;
    }
    if (out != i) records[out] = std::move(records[i]);
    ++out;
  }
  records.resize(out);
  return Status::OK();
}

std::vector<std::string> TransformChain::aliases() const {
  std::vector<std::string> out;
  for (const auto& s : stages_) out.push_back(s.alias);
  return out;
}

}  // namespace tributary::transforms
