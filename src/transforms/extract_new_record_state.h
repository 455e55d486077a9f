// ExtractNewRecordState: io.debezium.transforms.ExtractNewRecordState (Debezium's "unwrap").
//
// Replaces a Debezium change event (a value whose schema name ends in ".Envelope", with
// before/after/source/op/ts_ms) by the row state: `after` for c/r/u, and for deletes what the
// delete mode says. Records that are not envelopes pass through unchanged.
//
// Config (the transform's own keys):
//   delete.tombstone.handling.mode  drop | tombstone | rewrite | rewrite-with-tombstone |
//                                   delete-to-tombstone (Debezium 2.5+). With no delete
//                                   key at all the mode is tombstone, Debezium 3.x's default.
//   drop.tombstones (true), delete.handling.mode (drop | rewrite | none; default drop)
//       the older pair, used when delete.tombstone.handling.mode is absent and either is set.
//   add.fields, add.fields.prefix ("__"), add.headers, add.headers.prefix ("__"):
//       "op,source.ts_ms,table:TBL" -> __op, __source_ts_ms, __TBL; a bare name is looked up in
//       `source` except op/ts_ms/ts_us/ts_ns (envelope) and id/total_order/
//       data_collection_order (transaction). Added fields are OPTIONAL copies of the source
//       field's schema; fields missing from the envelope are skipped.
//   add.source.fields (Debezium 1.x): source fields added as __<name>.
//   route.by.field: the record's topic becomes this row field's value.
//   drop.fields.header.name, drop.fields.from.key (false),
//   drop.fields.keep.schema.compatible (true: only optional fields are dropped).
//   replace.null.with.default (true), accepted for compatibility.
//
// The output row schema is always a rebuilt, required struct (Debezium copies the row
// schema's basics and fields, dropping the optionality `after` had), except for deletes
// turned into tombstones, which keep the optional row schema with a null value.
//
// Field order. The rewrite modes add `__deleted` (optional string "true"/"false"). With the
// older keys the row is built as Debezium 1.x did and as the walkthrough's registry shows:
// row fields, add.fields, then __deleted. With delete.tombstone.handling.mode it is built as
// Debezium 2.x/3.x do: row fields, __deleted, then add.fields. The derived schema keeps the
// row schema's name (e.g. db1.sampledatabase.movies.Value), version, doc and parameters, and
// is built once per (row schema, envelope schema) pair, not per record.
//
// Thread-safety: one instance per task thread.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "connect/task.h"

namespace tributary::transforms {

class ExtractNewRecordState : public connect::Transformation {
 public:
  Status Configure(const connect::Config& config) override;
  Status Apply(data::Record& record, bool* keep) override;

 private:
  enum class DeleteMode { kDrop, kTombstone, kRewrite, kRewriteWithTombstone, kDeleteToTombstone };

  // A reference to an envelope field (add.fields / add.headers entry).
  struct FieldRef {
    std::string parent;  // "source", "transaction", or "" for the envelope itself
    std::string field;
    std::string new_name;
    const data::Field* Resolve(const data::Schema& envelope) const;
    const data::Value* Get(const data::Value& envelope) const;
  };

  // The derived row schema for one (row schema, envelope schema) pair and where each of its
  // values comes from.
  struct Plan {
    data::SchemaPtr row_schema;       // pinned input
    data::SchemaPtr envelope_schema;  // pinned input
    data::SchemaPtr schema;           // output
    // Where each present add.fields value comes from and where it goes.
    struct Added {
      int parent_index;  // envelope field holding the value's struct, or -1: the envelope
      int field_index;   // index within that struct
      int out_index;
    };
    std::vector<Added> added;
    int deleted_index = -1;  // index of __deleted, or -1
  };

  // Field positions of one envelope schema, resolved once.
  struct EnvelopeLayout {
    data::SchemaPtr schema;  // pinned
    bool is_envelope = false;
    int before_index = -1;
    int after_index = -1;
  };

  static Result<std::vector<FieldRef>> ParseRefs(const std::string& list, const std::string& prefix,
                                                 std::string_view key);
  const Plan& PlanFor(const data::SchemaPtr& row_schema, const data::SchemaPtr& envelope_schema);
  const EnvelopeLayout& LayoutFor(const data::SchemaPtr& schema);
  // Builds the output row, moving the row's values out of `envelope` (its field `row_index`).
  data::Value BuildRow(const Plan& plan, data::Value& envelope, int row_index,
                       std::optional<bool> deleted) const;
  Status DropFieldsFromHeader(data::Record& record);
  void AddHeaders(data::Record& record) const;

  bool legacy_ = false;
  DeleteMode mode_ = DeleteMode::kTombstone;
  bool drop_tombstones_ = true;  // legacy only
  bool rewrite_ = false;         // __deleted is added
  std::vector<FieldRef> add_fields_;
  std::vector<FieldRef> add_headers_;
  bool operation_header_ = false;
  std::string route_by_field_;
  std::string drop_fields_header_;
  bool drop_fields_from_key_ = false;
  bool drop_fields_keep_schema_compatible_ = true;

  std::map<std::pair<const data::Schema*, const data::Schema*>, Plan> plans_;
  const Plan* last_plan_ = nullptr;  // the hot path sees one table's schemas in a row
  EnvelopeLayout layout_;
  // Schemas with some fields removed, per (input schema, removed field list).
  std::map<std::pair<const data::Schema*, std::string>, std::pair<data::SchemaPtr, data::SchemaPtr>>
      dropped_;
};

}  // namespace tributary::transforms
