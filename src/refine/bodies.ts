/**
 * Known bodies of Vietnamese state administration (Luật Tổ chức chính quyền địa phương,
 * Nghị định 24/2014/NĐ-CP and 150/2025/NĐ-CP on provincial specialised agencies, the
 * ministries of the Government): the spellings the registry snaps typos to.
 */
export const PROVINCIAL_BODIES = [
  'Văn phòng Ủy ban nhân dân tỉnh', 'Văn phòng Hội đồng nhân dân tỉnh', 'Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân tỉnh',
  'Sở Nội vụ', 'Sở Tư pháp', 'Sở Kế hoạch và Đầu tư', 'Sở Tài chính', 'Sở Công Thương', 'Sở Nông nghiệp và Phát triển nông thôn',
  'Sở Nông nghiệp và Môi trường', 'Sở Giao thông vận tải', 'Sở Xây dựng', 'Sở Tài nguyên và Môi trường', 'Sở Thông tin và Truyền thông',
  'Sở Lao động - Thương binh và Xã hội', 'Sở Văn hóa, Thể thao và Du lịch', 'Sở Văn hóa, Thể thao và Du lịch', 'Sở Khoa học và Công nghệ',
  'Sở Giáo dục và Đào tạo', 'Sở Y tế', 'Sở Dân tộc và Tôn giáo', 'Sở Ngoại vụ', 'Thanh tra tỉnh', 'Ban Dân tộc',
  'Công an tỉnh', 'Bộ Chỉ huy Quân sự tỉnh', 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh', 'Bảo hiểm xã hội tỉnh', 'Kho bạc Nhà nước tỉnh',
  'Cục Thuế tỉnh', 'Cục Thống kê tỉnh', 'Bưu điện tỉnh', 'Trung tâm Phục vụ hành chính công tỉnh', 'Ủy ban Mặt trận Tổ quốc tỉnh',
  'Đài Phát thanh và Truyền hình tỉnh', 'Ban Quản lý các Khu công nghiệp', 'Ban Quản lý Khu kinh tế', 'Trung tâm Xúc tiến đầu tư',
  'Ngân hàng Nhà nước chi nhánh tỉnh', 'Tỉnh đoàn', 'Hội Liên hiệp Phụ nữ tỉnh', 'Hội Nông dân tỉnh', 'Hội Cựu chiến binh tỉnh',
  'Liên đoàn Lao động tỉnh', 'Tòa án nhân dân tỉnh', 'Viện Kiểm sát nhân dân tỉnh', 'Cục Hải quan', 'Điện lực tỉnh',
  'Ủy ban nhân dân huyện, thành phố', 'Ủy ban nhân dân các huyện, thành phố', 'Ủy ban nhân dân các xã, phường, thị trấn',
  'Ủy ban nhân dân các xã, phường', 'Các sở, ban, ngành thuộc tỉnh', 'Các sở, ban, ngành',
];

export const CENTRAL_BODIES = [
  'Văn phòng Chính phủ', 'Bộ Nội vụ', 'Bộ Tư pháp', 'Bộ Kế hoạch và Đầu tư', 'Bộ Tài chính', 'Bộ Công Thương',
  'Bộ Nông nghiệp và Phát triển nông thôn', 'Bộ Nông nghiệp và Môi trường', 'Bộ Giao thông vận tải', 'Bộ Xây dựng',
  'Bộ Tài nguyên và Môi trường', 'Bộ Thông tin và Truyền thông', 'Bộ Lao động - Thương binh và Xã hội',
  'Bộ Văn hóa, Thể thao và Du lịch', 'Bộ Khoa học và Công nghệ', 'Bộ Giáo dục và Đào tạo', 'Bộ Y tế', 'Bộ Ngoại giao',
  'Bộ Quốc phòng', 'Bộ Công an', 'Bộ Dân tộc và Tôn giáo', 'Ngân hàng Nhà nước Việt Nam', 'Thanh tra Chính phủ',
  'Ủy ban Dân tộc', 'Bảo hiểm xã hội Việt Nam', 'Kiểm toán nhà nước', 'Thủ tướng Chính phủ', 'Chính phủ',
];
