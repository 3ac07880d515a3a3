#include "gzip.hpp"

#include <zlib.h>

#include <new>

namespace yhteisaika::service {

std::string gzip(std::string_view text) {
  z_stream stream{};
  // windowBits 15 + 16: a gzip wrapper instead of zlib's; memLevel 8 is zlib's default.
  if (deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::bad_alloc();
  }
  std::string out(deflateBound(&stream, uLong(text.size())) + 32, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  stream.avail_in = uInt(text.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = uInt(out.size());
  // The buffer holds deflateBound(): one call finishes.
  const int result = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  if (result != Z_STREAM_END) throw std::bad_alloc();
  return out;
}

}  // namespace yhteisaika::service
