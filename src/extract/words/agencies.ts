/**
 * Words that open the name of a body or a holder of an office in Vietnamese
 * administrative texts: "Sở ...", "Ủy ban nhân dân ...", "Công an tỉnh",
 * "Giám đốc các Sở", "các cơ quan, đơn vị", ...
 * Longest first, so "Ủy ban nhân dân" wins over "Ủy ban".
 */
export const AGENCY_HEADS = [
  'Ủy ban Mặt trận Tổ quốc', 'Uỷ ban Mặt trận Tổ quốc', 'Ủy ban MTTQ', 'Uỷ ban MTTQ', 'Mặt trận Tổ quốc', 'MTTQ',
  'Ủy ban nhân dân', 'Uỷ ban nhân dân', 'Hội đồng nhân dân', 'UBND', 'HĐND', 'Ủy ban', 'Uỷ ban',
  'Văn phòng', 'VP', 'Sở', 'Bộ Chỉ huy', 'Bộ', 'Ban Quản lý', 'Ban Chỉ đạo', 'Ban', 'Cục', 'Chi cục', 'Tổng cục',
  // (a ministry's departments: "Vụ Pháp chế", "Vụ Kế hoạch - Tài chính"; not a season, a case or an event: see NOT_BODY)
  'Vụ',
  'Công an', 'Quân sự', 'Bộ đội Biên phòng',
  // (the army's commands: "BTL Quân khu 3", "Bộ Tư lệnh Bộ đội Biên phòng", "Quân chủng Hải quân", "Binh chủng Công binh")
  'BTL', 'Quân khu', 'Quân chủng', 'Binh chủng', 'Quân đoàn', 'Sư đoàn', 'Lữ đoàn', 'Thanh tra', 'Kho bạc', 'Bảo hiểm xã hội', 'Bảo hiểm', 'Ngân hàng',
  // (the abbreviations letters use for them: "Đề nghị BHXH Bộ Quốc phòng ...", "KBNN các tỉnh", "NHNN chi nhánh", "BCĐ", "BQL")
  'BHXH', 'KBNN', 'NHNN', 'BCĐ', 'BQL',
  'Bưu điện', 'Thông tấn xã', 'Viễn thông', 'VNPT', 'Viettel', 'MobiFone', 'Mobifone', 'FPT', 'Đài', 'Báo', 'Trường', 'Viện', 'Tòa án', 'Toà án',
  'Tổng Liên đoàn', 'Liên đoàn', 'Lực lượng', 'Hội đồng', 'Hội', 'Đội', 'Tổ công tác', 'Đoàn', 'Tỉnh đoàn', 'Tỉnh ủy', 'Tỉnh uỷ', 'Quân ủy', 'Quân uỷ', 'Huyện ủy', 'Thành ủy', 'Thành uỷ', 'Đảng ủy', 'Đảng uỷ',
  'Trung tâm', 'Trạm', 'Phòng', 'Cơ quan', 'Đơn vị', 'Tổ', 'Chi nhánh', 'Công ty', 'Tổng công ty', 'Tổng Công ty', 'Tập đoàn',
  'Kiểm toán Nhà nước', 'Kiểm toán nhà nước', 'Kiểm toán khu vực', 'Điện lực', 'Vườn quốc gia', 'Khu bảo tồn', 'Bệnh viện', 'Khoa', 'Bộ môn', 'Quỹ', 'Hiệp hội', 'Liên hiệp', 'Hợp tác xã', 'Học viện', 'Đại học', 'Hải quan', 'Hạt',
  // (the tax and statistics offices after the 2025 reorganisation: "Thuế tỉnh Lào Cai", "Thuế cơ sở 3", "Thống kê tỉnh")
  'Thuế tỉnh', 'Thuế thành phố', 'Thuế cơ sở', 'Thống kê tỉnh', 'Thống kê thành phố', 'Thống kê cơ sở', 'Cảng vụ', 'Doanh nghiệp', 'Chủ đầu tư', 'Tạp chí',
  'Cấp ủy', 'Cấp uỷ', 'Tổ chức đảng', 'Tổ chức Đảng', 'Tổ chức Đoàn', 'Tổ chức Công đoàn', 'Chi bộ', 'Đảng bộ', 'Đảng đoàn', 'Ban Thường vụ', 'Ban cán sự đảng', 'Ban Xây dựng Đảng', 'Ban xây dựng Đảng', 'Ban xây dựng đảng', 'Ban Tuyên giáo', 'Ban Tổ chức', 'Ban Dân vận', 'Ủy ban Kiểm tra', 'Uỷ ban Kiểm tra',
  // (a mass organisation's central body: "Trung ương Hội Người cao tuổi Việt Nam", "Trung ương Đoàn")
  'Trung ương Hội', 'Trung ương Đoàn', 'Trung ương Mặt trận',
  'Tổng Thanh tra', 'Tổng thanh tra', 'Thống đốc', 'Bộ trưởng', 'Thứ trưởng', 'Viện trưởng', 'Chánh án', 'Tổng Kiểm toán',
  'Giám đốc', 'Phó Giám đốc', 'Hiệu trưởng', 'Phó Hiệu trưởng', 'Chủ tịch', 'Phó Chủ tịch', 'Thủ trưởng', 'Người đứng đầu', 'Trưởng ban', 'Trưởng',
  'Chánh Văn phòng', 'Chánh văn phòng', 'Chánh Thanh tra', 'Tổng Giám đốc', 'Cán bộ', 'Thường trực', 'Bí thư', 'Phó Bí thư',
  // (a school's and an office's staff, named by their post: "Giáo viên chủ nhiệm ...", "Nhân viên y tế ...", "Nhà trường chủ động ...")
  'Giáo viên', 'GVCN', 'Nhân viên', 'Nhà trường',
  // (a school's and a college's own units and mass organisations: "Các lớp tổ chức chào cờ ...", "Các công đoàn bộ phận đăng ký
  // ...", "Ban Chấp hành các Liên chi đoàn, Chi đoàn ...", "Liên đội ...")
  'Lớp', 'Công đoàn', 'Chi đoàn', 'Liên chi đoàn', 'Liên đội', 'Chi đội',
  // (their boards, abbreviated: "BCH các Liên chi Đoàn ...", "BTV Đoàn trường", "BGH nhà trường")
  'BCH', 'BTV', 'BGH',
  // the members of a body, asked as its members ("Đề nghị thành viên Ban Chỉ đạo ... tham gia chỉ đạo")
  'Thành viên Ban', 'Thành viên Hội đồng', 'Thành viên Tổ', 'Thành viên Ủy ban', 'Thành viên Uỷ ban',
  'Các', 'Mỗi',
].sort((a, b) => b.length - a.length);

/** Generic back-references to the group a heading assigned ("các cơ quan, đơn vị"). */
export const GENERIC_BODY = /^(?:các|mỗi|những)\s+(?:cơ quan|đơn vị|địa phương|ngành)(?:\s*,\s*(?:cơ quan|đơn vị|địa phương|ngành))*(?:\s*,?\s*(?:có\s+)?liên quan)?$/iu;

/** Two-word openings that look like a body but are verbs or common nouns ("Ban hành", "Báo cáo", "Tổ chức"). */
export const NOT_BODY = /^(?:Ban hành|Báo cáo|Tổ chức(?!\s+(?:Đoàn|Công đoàn|Đảng)(?![\p{L}]))|Trường hợp|Hội nghị|Hội thảo|Bộ chỉ số|Bộ tiêu chí|Bộ hồ sơ|Bộ thủ tục|Đoàn kết|Quỹ đất|Phòng,? chống|Phòng ngừa|Cơ quan hóa|Văn phòng phẩm|Trung tâm hóa|Đài truyền(?!\s*hình)|Hội đủ|Hạt nhân|Khoa học|Khoa cử|Vụ\s+(?:việc|án|mùa|lúa|nổ|cháy|tai\s+nạn|đông|hè|xuân|thu|chiêm|muộn|sớm|\d)|Lớp\s+(?:học|bồi dưỡng|tập huấn|đào tạo|cán bộ|trung cấp|cao cấp))(?![\p{L}])/iu;

/** Verbs and modals that open a sentence's predicate after its subject ("Sở X khẩn trương ...", "X phải ..."). */
export const PREDICATES = [
  'chủ trì', 'phối hợp', 'có trách nhiệm', 'chịu trách nhiệm', 'tham mưu', 'triển khai', 'thực hiện', 'tổ chức',
  'xây dựng', 'rà soát', 'khắc phục', 'hoàn thành', 'báo cáo', 'chỉ đạo', 'hướng dẫn', 'theo dõi', 'đôn đốc',
  'kiểm tra', 'nghiên cứu', 'đề xuất', 'ban hành', 'tiếp tục', 'khẩn trương', 'chủ động', 'tăng cường', 'đẩy mạnh',
  'đẩy nhanh', 'nâng cao', 'bảo đảm', 'đảm bảo', 'cập nhật', 'công khai', 'tiếp nhận', 'giải quyết', 'gửi', 'lập',
  'trình', 'tập trung', 'quán triệt', 'tuyên truyền', 'phổ biến', 'thẩm định', 'phê duyệt', 'giám sát', 'bố trí',
  'sắp xếp', 'kiện toàn', 'đánh giá', 'tổng hợp', 'cung cấp', 'vận hành', 'nghiêm túc', 'phải', 'cần', 'nêu gương', 'lãnh đạo', 'quán triệt',
  'xử lý', 'tháo gỡ', 'phát động', 'tiến hành', 'ứng dụng', 'chấn chỉnh', 'duy trì', 'quyết liệt', 'kịp thời',
  'sẽ', 'chuẩn bị', 'cử', 'xem xét', 'xử lí', 'niêm yết', 'bổ sung', 'đăng ký', 'nộp', 'thông báo', 'phân công', 'chấp hành', 'kiến nghị', 'tiếp thu', 'giải trình', 'hỗ trợ', 'hoàn thiện', 'vận động', 'sử dụng', 'thanh toán', 'quyết toán', 'nghiệm thu', 'tổng kết', 'sơ kết', 'trả lời', 'phản hồi', 'giới thiệu', 'rút kinh nghiệm', 'tham gia', 'làm việc', 'phát huy', 'tự kiểm tra', 'tự đánh giá', 'sớm', 'chưa', 'đến nay',
  'góp ý', 'cho ý kiến', 'lấy ý kiến', 'thanh tra', 'xuất', 'trực tiếp', 'thường xuyên', 'định kỳ', 'chú trọng', 'quan tâm', 'tích cực', 'nêu cao', 'sâu sát', 'nắm vững', 'nắm bắt', 'nghiêm chỉnh', 'khẩn cấp', 'hằng tháng', 'hàng tháng', 'hằng năm', 'hàng năm', 'căn cứ', 'dự toán', 'thống kê', 'dự kiến', 'vận dụng', 'áp dụng', 'đưa', 'lồng ghép', 'khuyến khích', 'ưu tiên', 'thúc đẩy', 'thành lập',
  // (a body that settles a matter with another: "Bộ Tài chính thống nhất với Ủy ban nhân dân tỉnh X để xử lý ...")
  'thống nhất', 'hoàn chỉnh', 'trao đổi', 'treo cờ', 'treo Quốc kỳ', 'treo quốc kỳ', 'đàm phán', 'ký kết', 'cung ứng', 'hoàn tất', 'đăng tải', 'kiểm điểm', 'làm rõ',
];

/** The qualifiers (regular-expression sources) that make "tổ chức" a noun (an organisation) instead of the verb "organise": "tổ chức tín dụng", "tổ chức chính trị - xã hội". */
export const ORGANISATION_KINDS = [
  'tín dụng', 'kinh tế', 'chính trị', 'xã hội', 'xã hội - nghề nghiệp', 'phi chính phủ', 'quốc tế', 'đoàn thể', 'cá nhân',
  'khoa học', 'tài chính', 'sự nghiệp', 'thành viên', 'hành nghề', 'đại diện', 'tôn giáo', 'đảng', 'thanh niên',
  // (regular-expression source: "tổ chức hội" is a body, "tổ chức hội nghị" the verb)
  'hội(?!\\s+(?:nghị|thảo|thi|diễn|chợ|trại|báo))',
];

/** What the bodies named after "Giao", "Đề nghị", "Yêu cầu" are asked to do: the words that end their names ("Giao Sở Y tế chủ trì ..."). */
export const ASKED_TO = [
  'chủ trì', 'chỉ đạo', 'có trách nhiệm', 'chịu trách nhiệm', 'thực hiện', 'triển khai', 'tham mưu', 'phối hợp', 'khẩn trương',
  'tổ chức', 'xây dựng', 'rà soát', 'nghiên cứu', 'hướng dẫn', 'theo dõi', 'ban hành', 'chuẩn bị', 'bố trí', 'cung cấp', 'cử',
  'báo cáo', 'đề xuất', 'kiểm tra', 'tổng hợp', 'thẩm định', 'tiếp nhận', 'cập nhật', 'đôn đốc', 'hoàn thành', 'hoàn thiện',
  'giải quyết', 'niêm yết', 'làm việc', 'căn cứ', 'tham gia', 'thanh tra', 'lấy ý kiến', 'thừa ủy quyền', 'thừa uỷ quyền', 'thay mặt',
  'phản ánh', 'điều chỉnh', 'tiếp tục', 'chủ động', 'thông báo', 'quan tâm', 'trên cơ sở', 'phê duyệt', 'xem xét', 'thành lập',
  // (a role given: "Giao Vụ Kế hoạch - Tài chính là cơ quan tham mưu về ...", "Giao Sở X là đầu mối ...")
  'là cơ quan', 'là đơn vị', 'là đầu mối',
  // (what a letter asks of those it writes to: "đề nghị các đơn vị có ý kiến", "đề nghị Sở Tài chính có văn bản gửi ...",
  // "yêu cầu các trường tăng cường ...")
  'có ý kiến', 'cho ý kiến', 'góp ý', 'có văn bản', 'gửi', 'trả lời', 'tạo điều kiện', 'hỗ trợ', 'tăng cường', 'đẩy mạnh',
  'quán triệt', 'tập trung', 'tuyên truyền', 'phổ biến', 'sớm', 'nghiêm túc', 'kịp thời', 'lập', 'đăng ký', 'giới thiệu',
  'bảo đảm', 'đảm bảo', 'tiến hành', 'thống kê', 'đánh giá', 'giám sát', 'phân công', 'vận động', 'nâng cao', 'chấn chỉnh',
  'vệ sinh', 'sắp xếp', 'dọn dẹp', 'kiểm kê', 'tiếp thu', 'hoàn chỉnh', 'thống nhất',
  // (a notice's ask to hang the flag: "đề nghị các cơ quan, đơn vị, ... và Nhân dân trên địa bàn xã treo Quốc kỳ từ ...")
  'treo cờ', 'treo Quốc kỳ', 'treo quốc kỳ', 'đàm phán', 'ký kết',
  // ("Yêu cầu Trưởng các phòng, ban ..., UBND các xã, thị trấn sử dụng chữ ký số cá nhân ...")
  'sử dụng', 'làm rõ',
];

/** Words and phrases that end a body's name inside a list ("phối hợp với Sở X, Sở Y triển khai ..."). */
export const ACTION_WORDS = [
  'chủ trì', 'phối hợp', 'xuất cấp', 'có trách nhiệm', 'chịu trách nhiệm', 'trách nhiệm', 'tham mưu', 'triển khai', 'thực hiện',
  'tổ chức', 'xây dựng', 'rà soát', 'khắc phục', 'hoàn thành', 'báo cáo', 'chỉ đạo', 'hướng dẫn', 'theo dõi',
  'đôn đốc', 'kiểm tra', 'nghiên cứu', 'đề xuất', 'ban hành', 'tiếp tục', 'khẩn trương', 'chủ động', 'tăng cường',
  'đẩy mạnh', 'đẩy nhanh', 'nâng cao', 'bảo đảm', 'đảm bảo', 'cập nhật', 'công khai', 'tiếp nhận', 'giải quyết',
  'gửi', 'lập', 'trình', 'tập trung', 'quán triệt', 'tuyên truyền', 'phổ biến', 'thẩm định', 'phê duyệt',
  'giám sát', 'bố trí', 'niêm yết', 'sắp xếp', 'kiện toàn', 'đánh giá', 'tổng hợp', 'cung cấp', 'vận hành',
  'nghiêm túc', 'kịp thời', 'thường xuyên', 'định kỳ', 'hằng', 'hàng', 'căn cứ', 'để', 'nhằm', 'trong', 'theo',
  'về việc', 'đối với', 'trước ngày', 'trước', 'sau khi', 'khi', 'nếu', 'phải', 'cần', 'thống nhất',
  'xử lý', 'tháo gỡ', 'điều chỉnh', 'không được', 'chưa', 'đến nay', 'đẩy', 'có', 'làm', 'phát động', 'tiến hành', 'ứng dụng', 'chấn chỉnh', 'duy trì',
  'trực tiếp', 'vận dụng', 'áp dụng', 'thành lập', 'tiếp thu', 'hoàn chỉnh',
];

/** Collective nouns that may follow a bare head word inside one name ("Sở, ban, ngành"). */
export const COLLECTIVE_TAILS = /^(?:ban|ngành|sở|đoàn thể|hội|cơ quan|đơn vị|địa phương|ban ngành|trung ương)(?![\p{L}])/iu;
