/**
 * The codes bodies put in their documents' ký hiệu (Nghị định 30/2020/NĐ-CP, Phụ lục I: "type -
 * issuer (- unit)" or, for a công văn, "issuer - unit"): "3472/BVHTTDL-DSVH" is the Ministry of
 * Culture's, "1448/SNV-CCHC" a province's Department of Home Affairs. A copy that lost the
 * header's issuer lines still prints its number and symbol; these name the issuer from them.
 *
 * National bodies: one body each. Provincial bodies: the kind of body, its province read from
 * the text (header.ts). Codes several bodies share ("VP", "BHXH" of a province or of the nation,
 * "CT" for a tax department or a chairman) are not listed.
 */
export const NATIONAL_CODES: Record<string, string> = {
  BNV: 'Bộ Nội vụ', BTC: 'Bộ Tài chính', BYT: 'Bộ Y tế', BCA: 'Bộ Công an', BQP: 'Bộ Quốc phòng', BNG: 'Bộ Ngoại giao',
  BTP: 'Bộ Tư pháp', BGDĐT: 'Bộ Giáo dục và Đào tạo', BVHTTDL: 'Bộ Văn hóa, Thể thao và Du lịch',
  BTNMT: 'Bộ Tài nguyên và Môi trường', BNNPTNT: 'Bộ Nông nghiệp và Phát triển nông thôn', BNN: 'Bộ Nông nghiệp và Phát triển nông thôn',
  BNNMT: 'Bộ Nông nghiệp và Môi trường', BKHĐT: 'Bộ Kế hoạch và Đầu tư', BKH: 'Bộ Kế hoạch và Đầu tư', BCT: 'Bộ Công Thương',
  BGTVT: 'Bộ Giao thông vận tải', BXD: 'Bộ Xây dựng', BTTTT: 'Bộ Thông tin và Truyền thông',
  BLĐTBXH: 'Bộ Lao động - Thương binh và Xã hội', BKHCN: 'Bộ Khoa học và Công nghệ', BDTTG: 'Bộ Dân tộc và Tôn giáo',
  BTM: 'Bộ Thương mại', BBCVT: 'Bộ Bưu chính, Viễn thông', BVHTT: 'Bộ Văn hóa - Thông tin',
  VPCP: 'Văn phòng Chính phủ', TTg: 'Thủ tướng Chính phủ', UBDT: 'Ủy ban Dân tộc', NHNN: 'Ngân hàng Nhà nước Việt Nam',
  TTCP: 'Thanh tra Chính phủ', TCHQ: 'Tổng cục Hải quan', TCT: 'Tổng cục Thuế', KBNN: 'Kho bạc Nhà nước',
};

/** Provincial bodies by code: the name before the province ("Sở Nội vụ" + " tỉnh Sơn La"). */
export const PROVINCIAL_CODES: Record<string, string> = {
  UBND: 'Ủy ban nhân dân', HĐND: 'Hội đồng nhân dân', SNV: 'Sở Nội vụ', STC: 'Sở Tài chính', SYT: 'Sở Y tế',
  SGDĐT: 'Sở Giáo dục và Đào tạo', 'SGD&ĐT': 'Sở Giáo dục và Đào tạo', SXD: 'Sở Xây dựng', STP: 'Sở Tư pháp',
  SCT: 'Sở Công Thương', SKHĐT: 'Sở Kế hoạch và Đầu tư', STNMT: 'Sở Tài nguyên và Môi trường',
  SNNPTNT: 'Sở Nông nghiệp và Phát triển nông thôn', SNNMT: 'Sở Nông nghiệp và Môi trường',
  SLĐTBXH: 'Sở Lao động - Thương binh và Xã hội', SVHTTDL: 'Sở Văn hóa, Thể thao và Du lịch',
  STTTT: 'Sở Thông tin và Truyền thông', SKHCN: 'Sở Khoa học và Công nghệ', SGTVT: 'Sở Giao thông vận tải',
  SDTTG: 'Sở Dân tộc và Tôn giáo', CAT: 'Công an', BCHQS: 'Bộ Chỉ huy Quân sự',
};
