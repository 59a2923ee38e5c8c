<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi" sourcelanguage="en">
<context>
    <name>AdjustDialog</name>
    <message>
        <source>Adjust or write off</source>
        <translation>Điều chỉnh hoặc xuất hủy</translation>
    </message>
    <message>
        <source>{name} · {sku} — {n} {unit} in stock</source>
        <translation>{name} · {sku} — tồn {n} {unit}</translation>
    </message>
    <message>
        <source>Write off (damaged, expired)</source>
        <translation>Xuất hủy (hỏng, hết hạn)</translation>
    </message>
    <message>
        <source>Correct the count (+ or −)</source>
        <translation>Điều chỉnh số lượng (+ hoặc −)</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Số lượng</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>Hư hỏng</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Hết hạn</translation>
    </message>
    <message>
        <source>Found in stock</source>
        <translation>Tìm thấy trong kho</translation>
    </message>
    <message>
        <source>Entry mistake</source>
        <translation>Nhập nhầm</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>no alert</source>
        <translation>không cảnh báo</translation>
    </message>
    <message>
        <source>Low-stock alert at</source>
        <translation>Cảnh báo sắp hết hàng khi còn</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <source>e.g. Nguyễn Văn An</source>
        <translation>ví dụ Nguyễn Văn An</translation>
    </message>
    <message>
        <source>4–8 digits</source>
        <translation>4–8 chữ số</translation>
    </message>
    <message>
        <source>The same PIN again</source>
        <translation>Nhập lại mã PIN</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Họ tên</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <source>Letters, digits and dots</source>
        <translation>Chữ cái, chữ số và dấu chấm</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>Mã PIN</translation>
    </message>
    <message>
        <source>PIN again</source>
        <translation>Nhập lại mã PIN</translation>
    </message>
    <message>
        <source>{name} is the admin (login {login}).</source>
        <translation>{name} là quản trị (tên đăng nhập {login}).</translation>
    </message>
    <message>
        <source>The two PINs differ.</source>
        <translation>Hai mã PIN không khớp.</translation>
    </message>
</context>
<context>
    <name>AmountDialog</name>
    <message>
        <source>Open the shift</source>
        <translation>Mở ca</translation>
    </message>
    <message>
        <source>Cash in</source>
        <translation>Nộp tiền vào két</translation>
    </message>
    <message>
        <source>Cash out</source>
        <translation>Rút tiền khỏi két</translation>
    </message>
    <message>
        <source>Count the cash in the drawer (the float) and enter it.</source>
        <translation>Đếm tiền mặt trong két (tiền đầu ca) rồi nhập vào.</translation>
    </message>
    <message>
        <source>Money put into the drawer, e.g. small notes for change.</source>
        <translation>Tiền cho vào két, ví dụ tiền lẻ để thối.</translation>
    </message>
    <message>
        <source>Money taken from the drawer, e.g. a payment or a bank deposit.</source>
        <translation>Tiền lấy ra khỏi két, ví dụ chi trả hoặc nộp ngân hàng.</translation>
    </message>
    <message>
        <source>Amount in đồng, e.g. 1.000.000</source>
        <translation>Số tiền bằng đồng, ví dụ 1.000.000</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>Confirm (Enter)</source>
        <translation>Xác nhận (Enter)</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <source>No figures for this range</source>
        <translation>Không có số liệu trong khoảng thời gian này</translation>
    </message>
</context>
<context>
    <name>BuyerDialog</name>
    <message>
        <source>E-invoice for the customer</source>
        <translation>Xuất hóa đơn cho khách</translation>
    </message>
    <message>
        <source>Only what the customer asks to appear on the invoice. A company gives its tax code, name and address; the e-mail receives the invoice.</source>
        <translation>Chỉ ghi những gì khách yêu cầu trên hóa đơn. Doanh nghiệp cho mã số thuế, tên và địa chỉ; hóa đơn sẽ được gửi tới e-mail.</translation>
    </message>
    <message>
        <source>Tax code (MST)</source>
        <translation>Mã số thuế (MST)</translation>
    </message>
    <message>
        <source>Name / company</source>
        <translation>Tên người mua / đơn vị</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Địa chỉ</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>e.g. 0101248141</source>
        <translation>ví dụ 0101248141</translation>
    </message>
    <message>
        <source>Use these details</source>
        <translation>Dùng thông tin này</translation>
    </message>
    <message>
        <source>No details</source>
        <translation>Không ghi thông tin</translation>
    </message>
    <message>
        <source>The e-mail address is not valid.</source>
        <translation>Địa chỉ e-mail không hợp lệ.</translation>
    </message>
</context>
<context>
    <name>CartEditing</name>
    <message>
        <source>{name}: how many?</source>
        <translation>{name}: bao nhiêu?</translation>
    </message>
    <message>
        <source>{name}: how many grams?</source>
        <translation>{name}: bao nhiêu gam?</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Số lượng</translation>
    </message>
    <message>
        <source>Price changed to {price}: a manager approves at payment.</source>
        <translation>Đã đổi giá thành {price}: quản lý sẽ duyệt khi thanh toán.</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Giá</translation>
    </message>
    <message>
        <source>{name}: list price {price}. New unit price:</source>
        <translation>{name}: giá niêm yết {price}. Đơn giá mới:</translation>
    </message>
    <message>
        <source>More than {percent}% below the list price needs a manager.</source>
        <translation>Thấp hơn giá niêm yết quá {percent}% cần quản lý duyệt.</translation>
    </message>
    <message>
        <source>Discount {amount}: a manager approves at payment.</source>
        <translation>Giảm giá {amount}: quản lý sẽ duyệt khi thanh toán.</translation>
    </message>
    <message>
        <source>Line discount</source>
        <translation>Giảm giá dòng</translation>
    </message>
    <message>
        <source>{name}: discount in đồng, or a percentage like 5%.</source>
        <translation>{name}: giảm giá bằng đồng, hoặc theo phần trăm như 5%.</translation>
    </message>
    <message>
        <source>More than {percent}% needs a manager.</source>
        <translation>Giảm quá {percent}% cần quản lý duyệt.</translation>
    </message>
    <message>
        <source>Removed {name}.</source>
        <translation>Đã xóa {name}.</translation>
    </message>
    <message>
        <source>Hold sale</source>
        <translation>Giữ đơn</translation>
    </message>
    <message>
        <source>A label to find it again (optional):</source>
        <translation>Ghi chú để tìm lại (không bắt buộc):</translation>
    </message>
    <message>
        <source>e.g. lady in the blue dress</source>
        <translation>ví dụ chị mặc váy xanh</translation>
    </message>
    <message>
        <source>Sale held as “{label}”. F9 recalls it.</source>
        <translation>Đã giữ đơn “{label}”. Nhấn F9 để gọi lại.</translation>
    </message>
    <message>
        <source>(no label)</source>
        <translation>(không có ghi chú)</translation>
    </message>
    <message>
        <source>Held sale discarded.</source>
        <translation>Đã bỏ đơn tạm giữ.</translation>
    </message>
    <message>
        <source>Held sale recalled.</source>
        <translation>Đã gọi lại đơn tạm giữ.</translation>
    </message>
    <message>
        <source>Held sale recalled; the previous sale was put on hold.</source>
        <translation>Đã gọi lại đơn tạm giữ; đơn đang bán được chuyển sang tạm giữ.</translation>
    </message>
    <message>
        <source>New sale. The previous one was held: F9 recalls it.</source>
        <translation>Đơn mới. Đơn trước đã được tạm giữ: nhấn F9 để gọi lại.</translation>
    </message>
</context>
<context>
    <name>CartModel</name>
    <message>
        <source>Product</source>
        <translation>Sản phẩm</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>SL</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Đơn giá</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Thành tiền</translation>
    </message>
    <message>
        <source>{promotion}: −{amount}</source>
        <translation>{promotion}: −{amount}</translation>
    </message>
    <message>
        <source>Needs approval: {reason}</source>
        <translation>Cần duyệt: {reason}</translation>
    </message>
    <message>
        <source>Certificate expires soon</source>
        <translation>Chứng nhận sắp hết hạn</translation>
    </message>
    <message>
        <source>Certificate expired</source>
        <translation>Chứng nhận đã hết hạn</translation>
    </message>
</context>
<context>
    <name>CatalogImport</name>
    <message>
        <source>empty</source>
        <translation>trống</translation>
    </message>
    <message>
        <source>too long</source>
        <translation>quá dài</translation>
    </message>
    <message>
        <source>characters a scanner cannot send</source>
        <translation>có ký tự máy quét không gửi được</translation>
    </message>
    <message>
        <source>a value is required</source>
        <translation>bắt buộc phải có giá trị</translation>
    </message>
    <message>
        <source>too long (at most {limit} characters)</source>
        <translation>quá dài (tối đa {limit} ký tự)</translation>
    </message>
    <message>
        <source>barcode {code} cannot be used: {why}</source>
        <translation>không dùng được mã vạch {code}: {why}</translation>
    </message>
    <message>
        <source>barcode {code} has a wrong check digit (expected {digit})</source>
        <translation>mã vạch {code} sai số kiểm tra (đúng phải là {digit})</translation>
    </message>
    <message>
        <source>barcode {code} is listed twice in the file (also for {sku})</source>
        <translation>mã vạch {code} xuất hiện hai lần trong tệp (cả ở mã hàng {sku})</translation>
    </message>
    <message>
        <source>barcode {code} already belongs to product {sku}</source>
        <translation>mã vạch {code} đã thuộc về sản phẩm {sku}</translation>
    </message>
    <message>
        <source>SKU {sku} is listed twice in the file (first on row {row})</source>
        <translation>mã hàng {sku} xuất hiện hai lần trong tệp (lần đầu ở dòng {row})</translation>
    </message>
    <message>
        <source>producer code {code} is listed twice in the file (first on row {row})</source>
        <translation>mã chủ thể {code} xuất hiện hai lần trong tệp (lần đầu ở dòng {row})</translation>
    </message>
    <message>
        <source>producer {code} is neither in the files nor in the database</source>
        <translation>chủ thể {code} không có trong tệp lẫn trong cơ sở dữ liệu</translation>
    </message>
    <message>
        <source>unknown product group &quot;{value}&quot;</source>
        <translation>nhóm sản phẩm &quot;{value}&quot; không hợp lệ</translation>
    </message>
    <message>
        <source>unknown producer type &quot;{value}&quot;</source>
        <translation>loại hình chủ thể &quot;{value}&quot; không hợp lệ</translation>
    </message>
    <message>
        <source>unknown certificate status &quot;{value}&quot;</source>
        <translation>trạng thái chứng nhận &quot;{value}&quot; không hợp lệ</translation>
    </message>
    <message>
        <source>VAT rate &quot;{value}&quot; is not 0, 5, 8 or 10 %</source>
        <translation>thuế suất GTGT &quot;{value}&quot; không phải 0, 5, 8 hay 10 %</translation>
    </message>
    <message>
        <source>star rating &quot;{value}&quot; is not 3, 4 or 5</source>
        <translation>hạng sao &quot;{value}&quot; không phải 3, 4 hay 5</translation>
    </message>
    <message>
        <source>price &quot;{value}&quot; is not a whole, non-negative number of đồng</source>
        <translation>giá &quot;{value}&quot; không phải số đồng nguyên, không âm</translation>
    </message>
    <message>
        <source>&quot;{value}&quot; is not a date (write 2026-12-31 or 31/12/2026)</source>
        <translation>&quot;{value}&quot; không phải ngày (viết 2026-12-31 hoặc 31/12/2026)</translation>
    </message>
    <message>
        <source>expiry date {value} is before the issue date {issued}</source>
        <translation>ngày hết hạn {value} trước ngày cấp {issued}</translation>
    </message>
    <message>
        <source>{source} row {row}, column &quot;{column}&quot;: {reason}</source>
        <translation>{source} dòng {row}, cột &quot;{column}&quot;: {reason}</translation>
    </message>
    <message>
        <source>cannot be read ({detail})</source>
        <translation>không đọc được ({detail})</translation>
    </message>
    <message>
        <source>is not UTF-8 text (save it as CSV UTF-8)</source>
        <translation>không phải văn bản UTF-8 (hãy lưu dạng CSV UTF-8)</translation>
    </message>
    <message>
        <source>is not a CSV or XLSX file</source>
        <translation>không phải tệp CSV hay XLSX</translation>
    </message>
    <message>
        <source>is neither a producers nor a products table (columns: {columns})</source>
        <translation>không phải bảng chủ thể hay bảng sản phẩm (các cột: {columns})</translation>
    </message>
    <message>
        <source>lacks required columns: {columns}</source>
        <translation>thiếu các cột bắt buộc: {columns}</translation>
    </message>
    <message>
        <source>is empty</source>
        <translation>trống</translation>
    </message>
    <message>
        <source>{source}: {problem}</source>
        <translation>{source}: {problem}</translation>
    </message>
    <message>
        <source>Producers: {added} new, {changed} changed, {same} unchanged</source>
        <translation>Chủ thể: {added} mới, {changed} thay đổi, {same} giữ nguyên</translation>
    </message>
    <message>
        <source>Products: {added} new, {changed} changed, {same} unchanged</source>
        <translation>Sản phẩm: {added} mới, {changed} thay đổi, {same} giữ nguyên</translation>
    </message>
    <message>
        <source>  new producer {code}</source>
        <translation>  chủ thể mới {code}</translation>
    </message>
    <message>
        <source>  changed producer {code}: {fields}</source>
        <translation>  chủ thể thay đổi {code}: {fields}</translation>
    </message>
    <message>
        <source>  new product {sku}</source>
        <translation>  sản phẩm mới {sku}</translation>
    </message>
    <message>
        <source>  changed product {sku}: {fields}</source>
        <translation>  sản phẩm thay đổi {sku}: {fields}</translation>
    </message>
    <message>
        <source>{count} problems: nothing was imported.</source>
        <translation>Có {count} lỗi: chưa nhập gì.</translation>
    </message>
    <message>
        <source>Dry run: nothing was written.</source>
        <translation>Chạy thử: chưa ghi gì.</translation>
    </message>
    <message>
        <source>Imported.</source>
        <translation>Đã nhập xong.</translation>
    </message>
    <message>
        <source>Catalog: {products} products from {producers} producers; certificates: {expiring} expiring soon, {expired} expired, {revoked} revoked</source>
        <translation>Danh mục: {products} sản phẩm của {producers} chủ thể; chứng nhận: {expiring} sắp hết hạn, {expired} đã hết hạn, {revoked} bị thu hồi</translation>
    </message>
</context>
<context>
    <name>CheckoutFlow</name>
    <message>
        <source>Printing the receipt…</source>
        <translation>Đang in hóa đơn…</translation>
    </message>
    <message>
        <source>Receipt not queued for printing ({error}).</source>
        <translation>Hóa đơn chưa được đưa vào hàng chờ in ({error}).</translation>
    </message>
    <message>
        <source>Sale {number} paid: {total}, change {change}.</source>
        <translation>Đơn {number} đã thanh toán: {total}, tiền thừa {change}.</translation>
    </message>
    <message>
        <source>Receipt printed.</source>
        <translation>Đã in hóa đơn.</translation>
    </message>
    <message>
        <source>The drawer did not open: {problem}</source>
        <translation>Két tiền chưa mở được: {problem}</translation>
    </message>
    <message>
        <source>{problem} — receipt {number} is kept for reprint (Ctrl+P).</source>
        <translation>{problem} — hóa đơn {number} được giữ để in lại (Ctrl+P).</translation>
    </message>
    <message>
        <source>Reprinting receipt {number}.</source>
        <translation>Đang in lại hóa đơn {number}.</translation>
    </message>
    <message>
        <source>Opening the cash drawer.</source>
        <translation>Đang mở két tiền.</translation>
    </message>
    <message>
        <source>Sale {number} voided; its goods are back in stock.</source>
        <translation>Đã hủy đơn {number}; hàng đã được nhập lại kho.</translation>
    </message>
    <message>
        <source>Voided: {number}</source>
        <translation>Đã hủy: {number}</translation>
    </message>
    <message>
        <source>The bill did not print: {problem}</source>
        <translation>Phiếu tạm tính chưa in được: {problem}</translation>
    </message>
    <message>
        <source>Printing the bill ({total}, not paid yet).</source>
        <translation>Đang in phiếu tạm tính ({total}, chưa thanh toán).</translation>
    </message>
</context>
<context>
    <name>CountDialog</name>
    <message>
        <source>Stock count</source>
        <translation>Kiểm kê</translation>
    </message>
    <message>
        <source>Count what is on the shelves. Differences are posted after a manager approves; products not counted stay as they are.</source>
        <translation>Đếm hàng trên kệ. Chênh lệch được ghi sổ sau khi quản lý duyệt; sản phẩm chưa đếm giữ nguyên.</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>Tất cả</translation>
    </message>
    <message>
        <source>Group: {name}</source>
        <translation>Nhóm: {name}</translation>
    </message>
    <message>
        <source>Producer: {name}</source>
        <translation>Chủ thể: {name}</translation>
    </message>
    <message>
        <source>Start count</source>
        <translation>Bắt đầu kiểm kê</translation>
    </message>
    <message>
        <source>Barcode or SKU</source>
        <translation>Mã vạch hoặc mã hàng</translation>
    </message>
    <message>
        <source>Counted </source>
        <translation>Đếm được </translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Ghi nhận</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Sản phẩm</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>Theo sổ</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>Đếm được</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>Chênh lệch</translation>
    </message>
    <message>
        <source>Cancel count</source>
        <translation>Hủy kiểm kê</translation>
    </message>
    <message>
        <source>Close (keep open)</source>
        <translation>Đóng (giữ phiên kiểm kê)</translation>
    </message>
    <message>
        <source>Post differences</source>
        <translation>Ghi sổ chênh lệch</translation>
    </message>
    <message>
        <source>Counted already</source>
        <translation>Đã đếm rồi</translation>
    </message>
    <message>
        <source>This product was already counted: {previous}. Add {n} to it, or replace it with {n}?</source>
        <translation>Sản phẩm này đã được đếm: {previous}. Cộng thêm {n}, hay thay bằng {n}?</translation>
    </message>
    <message>
        <source>Add to previous</source>
        <translation>Cộng thêm</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Thay thế</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>{counted} of {total} products counted · {diff} with a difference</source>
        <translation>Đã đếm {counted}/{total} sản phẩm · {diff} có chênh lệch</translation>
    </message>
</context>
<context>
    <name>CounterLock</name>
    <message>
        <source>Shift</source>
        <translation>Ca làm việc</translation>
    </message>
    <message>
        <source>Switch cashier (Ctrl+L)</source>
        <translation>Đổi thu ngân (Ctrl+L)</translation>
    </message>
    <message>
        <source>Open the shift…</source>
        <translation>Mở ca…</translation>
    </message>
    <message>
        <source>Cash in…</source>
        <translation>Nộp tiền vào két…</translation>
    </message>
    <message>
        <source>Cash out…</source>
        <translation>Rút tiền khỏi két…</translation>
    </message>
    <message>
        <source>X report</source>
        <translation>Báo cáo X</translation>
    </message>
    <message>
        <source>Close the shift (Z report)…</source>
        <translation>Đóng ca (báo cáo Z)…</translation>
    </message>
    <message>
        <source>Users…</source>
        <translation>Người dùng…</translation>
    </message>
    <message>
        <source>Shift closed</source>
        <translation>Đã đóng ca</translation>
    </message>
    <message>
        <source>{z} recorded. Counted {counted}, expected {expected}: {diff}.</source>
        <translation>Đã ghi {z}. Đếm được {counted}, dự kiến {expected}: {diff}.</translation>
    </message>
</context>
<context>
    <name>CounterSession</name>
    <message>
        <source>Nobody is logged in at this till: log in first (Ctrl+L).</source>
        <translation>Chưa có ai đăng nhập ở quầy này: hãy đăng nhập trước (Ctrl+L).</translation>
    </message>
    <message>
        <source>Log in first</source>
        <translation>Hãy đăng nhập trước</translation>
    </message>
</context>
<context>
    <name>CustomerDialog</name>
    <message>
        <source>Customer</source>
        <translation>Khách hàng</translation>
    </message>
    <message>
        <source>Customer of this sale</source>
        <translation>Khách hàng của đơn này</translation>
    </message>
    <message>
        <source>Mobile number or name, e.g. 0912 345 678</source>
        <translation>Số di động hoặc tên, ví dụ 0912 345 678</translation>
    </message>
    <message>
        <source>Agrees to be contacted (offers, events)</source>
        <translation>Đồng ý nhận liên hệ (ưu đãi, sự kiện)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Họ tên</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>Di động</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Tax code (invoices)</source>
        <translation>Mã số thuế (hoá đơn)</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Địa chỉ</translation>
    </message>
    <message>
        <source>Attach (Enter)</source>
        <translation>Gắn vào đơn (Enter)</translation>
    </message>
    <message>
        <source>New customer</source>
        <translation>Khách hàng mới</translation>
    </message>
    <message>
        <source>No customer</source>
        <translation>Không có khách hàng</translation>
    </message>
    <message>
        <source>No customer has this number: add them (New customer).</source>
        <translation>Chưa có khách hàng với số này: hãy thêm mới (Khách hàng mới).</translation>
    </message>
    <message>
        <source>Save and attach (Enter)</source>
        <translation>Lưu và gắn vào đơn (Enter)</translation>
    </message>
</context>
<context>
    <name>CustomerDisplay</name>
    <message>
        <source>Customer display</source>
        <translation>Màn hình khách hàng</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Tổng cộng</translation>
    </message>
    <message>
        <source>Scan with your banking app</source>
        <translation>Quét bằng ứng dụng ngân hàng</translation>
    </message>
    <message>
        <source>{count} items</source>
        <translation>{count} sản phẩm</translation>
    </message>
    <message>
        <source>Account holder: {holder}
Account: {account}</source>
        <translation>Chủ tài khoản: {holder}
Số tài khoản: {account}</translation>
    </message>
    <message>
        <source>Thank you!</source>
        <translation>Cảm ơn quý khách!</translation>
    </message>
    <message>
        <source>Your change: {amount}</source>
        <translation>Tiền thừa trả khách: {amount}</translation>
    </message>
</context>
<context>
    <name>Customers</name>
    <message>
        <source>Enter the customer&apos;s mobile number.</source>
        <translation>Nhập số di động của khách hàng.</translation>
    </message>
    <message>
        <source>A phone number has only digits (and +84).</source>
        <translation>Số điện thoại chỉ gồm chữ số (và +84).</translation>
    </message>
    <message>
        <source>A Vietnamese mobile number has 10 digits (0912 345 678 or +84 912 345 678).</source>
        <translation>Số di động Việt Nam có 10 chữ số (0912 345 678 hoặc +84 912 345 678).</translation>
    </message>
    <message>
        <source>This is not a Vietnamese mobile number (it should start 03, 05, 07, 08 or 09).</source>
        <translation>Đây không phải số di động Việt Nam (phải bắt đầu bằng 03, 05, 07, 08 hoặc 09).</translation>
    </message>
    <message>
        <source>Only Vietnamese mobile numbers can be kept (+84 or 0…).</source>
        <translation>Chỉ lưu được số di động Việt Nam (+84 hoặc 0…).</translation>
    </message>
    <message>
        <source>Enter the customer&apos;s name.</source>
        <translation>Nhập tên khách hàng.</translation>
    </message>
    <message>
        <source>The name is too long.</source>
        <translation>Tên quá dài.</translation>
    </message>
    <message>
        <source>This e-mail address is not valid.</source>
        <translation>Địa chỉ e-mail không hợp lệ.</translation>
    </message>
    <message>
        <source>The address is too long.</source>
        <translation>Địa chỉ quá dài.</translation>
    </message>
    <message>
        <source>A tax code has 10 digits, or 10 digits, a dash and 3.</source>
        <translation>Mã số thuế gồm 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số.</translation>
    </message>
    <message>
        <source>This tax code&apos;s check digit is wrong: check the number.</source>
        <translation>Chữ số kiểm tra của mã số thuế không đúng: hãy kiểm tra lại.</translation>
    </message>
    <message>
        <source>This customer no longer exists.</source>
        <translation>Khách hàng này không còn tồn tại.</translation>
    </message>
    <message>
        <source>This customer&apos;s data was erased on request.</source>
        <translation>Dữ liệu của khách hàng này đã được xoá theo yêu cầu.</translation>
    </message>
    <message>
        <source>Another customer already has this number.</source>
        <translation>Số này đã thuộc về một khách hàng khác.</translation>
    </message>
    <message>
        <source>The customer could not be saved ({code}).</source>
        <translation>Không lưu được khách hàng ({code}).</translation>
    </message>
    <message>
        <source>Customer: {name} ({phone})</source>
        <translation>Khách hàng: {name} ({phone})</translation>
    </message>
    <message>
        <source>The sale has no customer now.</source>
        <translation>Đơn này hiện không có khách hàng.</translation>
    </message>
</context>
<context>
    <name>DesktopLibs</name>
    <message>
        <source>The window cannot open: this computer lacks system libraries for the screen. Install them with: {command}</source>
        <translation>Không mở được cửa sổ: máy này thiếu thư viện hệ thống cho màn hình. Hãy cài bằng lệnh: {command}</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <source>Showroom</source>
        <translation>Điểm bán</translation>
    </message>
    <message>
        <source>Till</source>
        <translation>Quầy</translation>
    </message>
    <message>
        <source>City registry</source>
        <translation>Hệ thống OCOP thành phố</translation>
    </message>
    <message>
        <source>Receipt printer</source>
        <translation>Máy in hóa đơn</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>Quản trị</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Ngôn ngữ</translation>
    </message>
    <message>
        <source>{till} of showroom {showroom}</source>
        <translation>{till} của điểm bán {showroom}</translation>
    </message>
    <message>
        <source>Connected to {url}</source>
        <translation>Đã kết nối với {url}</translation>
    </message>
    <message>
        <source>Not connected yet: enrol later (ocop-pos-admin enroll)</source>
        <translation>Chưa kết nối: đăng ký sau (ocop-pos-admin enroll)</translation>
    </message>
    <message>
        <source>None yet: receipts wait until one is set</source>
        <translation>Chưa có: hóa đơn sẽ chờ đến khi cài máy in</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>Giữ nguyên</translation>
    </message>
    <message>
        <source>Not created</source>
        <translation>Chưa tạo</translation>
    </message>
</context>
<context>
    <name>EInvoice</name>
    <message>
        <source>the tax code must be 10 digits, or 10-3 digits for a branch</source>
        <translation>mã số thuế phải gồm 10 chữ số, hoặc 10-3 chữ số với chi nhánh</translation>
    </message>
    <message>
        <source>the tax code&apos;s check digit is wrong (a typing error?)</source>
        <translation>chữ số kiểm tra của mã số thuế không đúng (gõ nhầm?)</translation>
    </message>
    <message>
        <source>the invoice symbol must be C, the year&apos;s 2 digits, M and 2 letters (e.g. C26MAA)</source>
        <translation>ký hiệu hóa đơn phải là C, 2 chữ số của năm, M và 2 chữ cái (ví dụ C26MAA)</translation>
    </message>
    <message>
        <source>the invoice symbol is for another year</source>
        <translation>ký hiệu hóa đơn là của năm khác</translation>
    </message>
    <message>
        <source>the tax authority&apos;s code range must be 5 letters or digits</source>
        <translation>dải mã do cơ quan thuế cấp phải gồm 5 chữ cái hoặc chữ số</translation>
    </message>
    <message>
        <source>the till number for e-invoices must be 0 to 99</source>
        <translation>số máy tính tiền cho hóa đơn điện tử phải từ 0 đến 99</translation>
    </message>
    <message>
        <source>the VAT method must be credit or direct</source>
        <translation>phương pháp tính thuế GTGT phải là khấu trừ hoặc trực tiếp</translation>
    </message>
    <message>
        <source>the showroom&apos;s legal name and address are missing</source>
        <translation>thiếu tên pháp lý và địa chỉ của điểm bán</translation>
    </message>
    <message>
        <source>a buyer with a tax code needs a name and an address</source>
        <translation>người mua có mã số thuế cần có tên và địa chỉ</translation>
    </message>
    <message>
        <source>the sale&apos;s VAT does not add up; the invoice waits</source>
        <translation>thuế GTGT của đơn hàng không khớp; hóa đơn đang chờ</translation>
    </message>
    <message>
        <source>no such e-invoice</source>
        <translation>không có hóa đơn điện tử này</translation>
    </message>
    <message>
        <source>this invoice cannot be replaced (an adjustment?)</source>
        <translation>không thể thay thế hóa đơn này (hóa đơn điều chỉnh?)</translation>
    </message>
    <message>
        <source>this invoice has already been replaced</source>
        <translation>hóa đơn này đã được thay thế</translation>
    </message>
    <message>
        <source>the e-invoice provider cannot be reached; invoices wait and go later</source>
        <translation>không kết nối được nhà cung cấp hóa đơn điện tử; hóa đơn chờ và sẽ được gửi sau</translation>
    </message>
    <message>
        <source>the e-invoice provider did not answer in time; invoices wait</source>
        <translation>nhà cung cấp hóa đơn điện tử không trả lời kịp; hóa đơn đang chờ</translation>
    </message>
    <message>
        <source>the e-invoice provider&apos;s certificate could not be verified</source>
        <translation>không xác minh được chứng chỉ của nhà cung cấp hóa đơn điện tử</translation>
    </message>
    <message>
        <source>the e-invoice provider asked us to slow down</source>
        <translation>nhà cung cấp hóa đơn điện tử yêu cầu gửi chậm lại</translation>
    </message>
    <message>
        <source>the e-invoice provider had an internal error; invoices wait</source>
        <translation>nhà cung cấp hóa đơn điện tử gặp lỗi nội bộ; hóa đơn đang chờ</translation>
    </message>
    <message>
        <source>the e-invoice provider&apos;s answer was not understood; invoices wait</source>
        <translation>không hiểu được câu trả lời của nhà cung cấp hóa đơn điện tử; hóa đơn đang chờ</translation>
    </message>
    <message>
        <source>the e-invoice provider&apos;s answer was too large; invoices wait</source>
        <translation>câu trả lời của nhà cung cấp hóa đơn điện tử quá lớn; hóa đơn đang chờ</translation>
    </message>
    <message>
        <source>the e-invoice provider refused this till&apos;s credentials</source>
        <translation>nhà cung cấp hóa đơn điện tử từ chối thông tin xác thực của máy này</translation>
    </message>
    <message>
        <source>the e-invoice provider refused the request</source>
        <translation>nhà cung cấp hóa đơn điện tử từ chối yêu cầu</translation>
    </message>
    <message>
        <source>no e-invoice provider is set up</source>
        <translation>chưa thiết lập nhà cung cấp hóa đơn điện tử</translation>
    </message>
    <message>
        <source>the tax authority refused the invoice</source>
        <translation>cơ quan thuế từ chối hóa đơn</translation>
    </message>
    <message>
        <source>the provider holds another invoice under this code</source>
        <translation>nhà cung cấp đang giữ một hóa đơn khác với mã này</translation>
    </message>
    <message>
        <source>the code range does not match the one the tax authority issued</source>
        <translation>dải mã không khớp với dải mã cơ quan thuế đã cấp</translation>
    </message>
    <message>
        <source>the provider does not know this seller&apos;s tax code</source>
        <translation>nhà cung cấp không biết mã số thuế của người bán này</translation>
    </message>
    <message>
        <source>the invoice XML does not match the format</source>
        <translation>XML của hóa đơn không đúng định dạng</translation>
    </message>
    <message>
        <source>an internal error stopped the sending (see the log)</source>
        <translation>một lỗi nội bộ đã dừng việc gửi (xem nhật ký)</translation>
    </message>
    <message>
        <source>E-invoices: {queued} waiting ({late} from an earlier day), {sent} sent, {refused} refused</source>
        <translation>Hóa đơn điện tử: {queued} đang chờ ({late} từ ngày trước), {sent} đã gửi, {refused} bị từ chối</translation>
    </message>
    <message>
        <source>{sent} e-invoices sent, {refused} refused</source>
        <translation>Đã gửi {sent} hóa đơn điện tử, {refused} bị từ chối</translation>
    </message>
    <message>
        <source>E-invoices: all sent</source>
        <translation>Hóa đơn điện tử: đã gửi hết</translation>
    </message>
    <message>
        <source>E-invoices waiting: {queued}</source>
        <translation>Hóa đơn điện tử chờ gửi: {queued}</translation>
    </message>
    <message>
        <source>late: {late}</source>
        <translation>trễ: {late}</translation>
    </message>
    <message>
        <source>refused: {refused}</source>
        <translation>bị từ chối: {refused}</translation>
    </message>
</context>
<context>
    <name>EInvoiceCard</name>
    <message>
        <source>E-invoices (cash register)</source>
        <translation>Hóa đơn điện tử (máy tính tiền)</translation>
    </message>
    <message>
        <source>Issue an e-invoice for every sale</source>
        <translation>Xuất hóa đơn điện tử cho mọi giao dịch bán</translation>
    </message>
    <message>
        <source>VAT credit method (template 1)</source>
        <translation>Phương pháp khấu trừ (mẫu số 1)</translation>
    </message>
    <message>
        <source>Direct method (template 2, sales invoice)</source>
        <translation>Phương pháp trực tiếp (mẫu số 2, hóa đơn bán hàng)</translation>
    </message>
    <message>
        <source>VAT method</source>
        <translation>Phương pháp tính thuế GTGT</translation>
    </message>
    <message>
        <source>Invoice symbol letters</source>
        <translation>Hai chữ cái của ký hiệu</translation>
    </message>
    <message>
        <source>This till&apos;s 2 letters: the symbol is C + year + M + letters</source>
        <translation>2 chữ cái của quầy này: ký hiệu là C + năm + M + 2 chữ cái</translation>
    </message>
    <message>
        <source>Tax authority code range</source>
        <translation>Dải mã của cơ quan thuế</translation>
    </message>
    <message>
        <source>The 5 characters the tax authority issued for cash-register codes</source>
        <translation>5 ký tự cơ quan thuế cấp cho mã hóa đơn máy tính tiền</translation>
    </message>
    <message>
        <source>Till number for e-invoices</source>
        <translation>Số quầy cho hóa đơn điện tử</translation>
    </message>
    <message>
        <source>0-99, different on every till of the showroom</source>
        <translation>0-99, mỗi quầy của showroom một số khác nhau</translation>
    </message>
    <message>
        <source>Provider address</source>
        <translation>Địa chỉ nhà cung cấp</translation>
    </message>
    <message>
        <source>Provider tax code</source>
        <translation>Mã số thuế nhà cung cấp</translation>
    </message>
    <message>
        <source>Lookup page for buyers</source>
        <translation>Trang tra cứu cho người mua</translation>
    </message>
    <message>
        <source>Printed as a QR code on the receipt</source>
        <translation>In thành mã QR trên hóa đơn bán lẻ</translation>
    </message>
    <message>
        <source>Provider token</source>
        <translation>Mã truy cập nhà cung cấp</translation>
    </message>
    <message>
        <source>E-invoices of a day…</source>
        <translation>Hóa đơn điện tử theo ngày…</translation>
    </message>
    <message>
        <source>kept — type a new one to replace it</source>
        <translation>đã lưu — nhập mã mới để thay</translation>
    </message>
    <message>
        <source>none yet</source>
        <translation>chưa có</translation>
    </message>
    <message>
        <source>The provider&apos;s token is kept ({where}).</source>
        <translation>Đã lưu mã truy cập nhà cung cấp ({where}).</translation>
    </message>
    <message>
        <source>Invoices are numbered {template}C{year:02d}M{letters}-…</source>
        <translation>Hóa đơn được đánh số {template}C{year:02d}M{letters}-…</translation>
    </message>
</context>
<context>
    <name>EInvoiceListDialog</name>
    <message>
        <source>E-invoices</source>
        <translation>Hóa đơn điện tử</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>Hóa đơn</translation>
    </message>
    <message>
        <source>Tax authority code</source>
        <translation>Mã của cơ quan thuế</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Giờ</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Tổng cộng</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>Send refused again</source>
        <translation>Gửi lại hóa đơn bị từ chối</translation>
    </message>
    <message>
        <source>Open buyer&apos;s PDF</source>
        <translation>Mở bản PDF cho người mua</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Làm mới</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>đang chờ</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>đã gửi</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>bị từ chối</translation>
    </message>
    <message>
        <source>late (from an earlier day)</source>
        <translation>trễ (từ ngày trước)</translation>
    </message>
    <message>
        <source>sale</source>
        <translation>bán hàng</translation>
    </message>
    <message>
        <source>return (adjustment)</source>
        <translation>trả hàng (điều chỉnh)</translation>
    </message>
    <message>
        <source>void (adjustment)</source>
        <translation>hủy (điều chỉnh)</translation>
    </message>
    <message>
        <source>replacement</source>
        <translation>thay thế</translation>
    </message>
    <message>
        <source>{n} invoices: {sent} sent, {queued} waiting, {late} late, {refused} refused</source>
        <translation>{n} hóa đơn: {sent} đã gửi, {queued} đang chờ, {late} trễ, {refused} bị từ chối</translation>
    </message>
    <message>
        <source>{n} invoices queued to be sent again.</source>
        <translation>Đã xếp {n} hóa đơn để gửi lại.</translation>
    </message>
    <message>
        <source>Opened {path}</source>
        <translation>Đã mở {path}</translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <source>First start</source>
        <translation>Lần khởi động đầu tiên</translation>
    </message>
    <message>
        <source>Welcome: create the first admin</source>
        <translation>Chào mừng: hãy tạo tài khoản quản trị đầu tiên</translation>
    </message>
    <message>
        <source>This till has no users yet. The admin adds cashiers and managers afterwards (Shift → Users).</source>
        <translation>Quầy này chưa có người dùng. Quản trị sẽ thêm thu ngân và quản lý sau (Ca làm việc → Người dùng).</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Họ tên của bạn</translation>
    </message>
    <message>
        <source>Login, e.g. admin</source>
        <translation>Tên đăng nhập, ví dụ admin</translation>
    </message>
    <message>
        <source>PIN (4–8 digits)</source>
        <translation>Mã PIN (4–8 chữ số)</translation>
    </message>
    <message>
        <source>The same PIN again</source>
        <translation>Nhập lại mã PIN</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Để sau</translation>
    </message>
    <message>
        <source>Create admin</source>
        <translation>Tạo quản trị</translation>
    </message>
    <message>
        <source>The two PINs differ.</source>
        <translation>Hai mã PIN không khớp.</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>No product has the SKU {detail}</source>
        <translation>Không có sản phẩm nào có mã hàng {detail}</translation>
    </message>
    <message>
        <source>{detail} already has a barcode; nothing was assigned</source>
        <translation>{detail} đã có mã vạch; chưa gán mã nào</translation>
    </message>
    <message>
        <source>The code {detail} is already in use; nothing was changed</source>
        <translation>Mã {detail} đã được dùng; không có gì thay đổi</translation>
    </message>
    <message>
        <source>The check digit of {detail} is wrong (it should be {expected})</source>
        <translation>Số kiểm tra của mã {detail} bị sai (đúng phải là {expected})</translation>
    </message>
    <message>
        <source>{detail} is not an in-store code of this showroom (13 digits, starting with the in-store prefix)</source>
        <translation>{detail} không phải mã nội bộ của cửa hàng (13 chữ số, bắt đầu bằng tiền tố mã nội bộ)</translation>
    </message>
    <message>
        <source>The in-store code prefix {detail} is not valid: it must be 2 or 3 digits from 20 to 29</source>
        <translation>Tiền tố mã nội bộ {detail} không hợp lệ: phải gồm 2 hoặc 3 chữ số, từ 20 đến 29</translation>
    </message>
    <message>
        <source>{detail} starts like the weighing scale&apos;s labels; choose another in-store code prefix</source>
        <translation>{detail} trùng phần đầu với tem của cân điện tử; hãy chọn tiền tố mã nội bộ khác</translation>
    </message>
    <message>
        <source>Every in-store code with the prefix {detail} is in use</source>
        <translation>Đã dùng hết mã nội bộ có tiền tố {detail}</translation>
    </message>
    <message>
        <source>Every product already has a barcode; nothing was assigned</source>
        <translation>Mọi sản phẩm đều đã có mã vạch; chưa gán mã nào</translation>
    </message>
    <message>
        <source>{detail} has no EAN-13 barcode to print; assign it an in-store code first</source>
        <translation>{detail} chưa có mã vạch EAN-13 để in; hãy gán mã nội bộ trước</translation>
    </message>
    <message>
        <source>The number of copies must be from 1 to 999</source>
        <translation>Số bản in phải từ 1 đến 999</translation>
    </message>
    <message>
        <source>There is no label template called {detail}</source>
        <translation>Không có mẫu tem nhãn nào tên {detail}</translation>
    </message>
    <message>
        <source>There is no label sheet layout called {detail}</source>
        <translation>Không có khổ giấy tem nào tên {detail}</translation>
    </message>
    <message>
        <source>The label sheet layout does not fit on an A4 page with these margins (labels; left / top margin: {detail}); nothing was printed</source>
        <translation>Khổ tem không vừa trang A4 với lề này (các tem; lề trái / lề trên: {detail}); chưa in gì</translation>
    </message>
    <message>
        <source>No products were chosen for labels</source>
        <translation>Chưa chọn sản phẩm nào để in tem</translation>
    </message>
    <message>
        <source>The PDF file could not be written ({detail})</source>
        <translation>Không ghi được tệp PDF ({detail})</translation>
    </message>
    <message>
        <source>{detail} is not a printer address (e.g. tcp://192.168.1.60:9100)</source>
        <translation>{detail} không phải địa chỉ máy in (ví dụ tcp://192.168.1.60:9100)</translation>
    </message>
    <message>
        <source>No goods receipt has the document number {detail}; nothing was printed</source>
        <translation>Không có phiếu nhập kho nào số {detail}; chưa in nhãn nào</translation>
    </message>
    <message>
        <source>{detail} is not a date (YYYY-MM-DD)</source>
        <translation>{detail} không phải là ngày (YYYY-MM-DD)</translation>
    </message>
    <message>
        <source>{detail} is not a price in đồng; nothing was changed</source>
        <translation>{detail} không phải là giá bằng đồng; không có gì thay đổi</translation>
    </message>
    <message>
        <source>{detail} already sells at this price; nothing was changed</source>
        <translation>{detail} đã bán đúng giá này; không có gì thay đổi</translation>
    </message>
    <message>
        <source>; no label was printed</source>
        <translation>; chưa in tem nào</translation>
    </message>
    <message>
        <source>In-store codes assigned: {count}</source>
        <translation>Đã gán mã nội bộ: {count}</translation>
    </message>
    <message>
        <source>Printed {labels} labels for {products} products on {where}</source>
        <translation>Đã in {labels} tem cho {products} sản phẩm ra {where}</translation>
    </message>
    <message>
        <source>{sku}: price {old} → {new}; its label is on the reprint list</source>
        <translation>{sku}: giá {old} → {new}; nhãn đã vào danh sách cần in lại</translation>
    </message>
</context>
<context>
    <name>LabelsDialog</name>
    <message>
        <source>Price labels</source>
        <translation>Nhãn giá</translation>
    </message>
    <message>
        <source>Price labels and in-store codes</source>
        <translation>Nhãn giá và mã nội bộ</translation>
    </message>
    <message>
        <source>Scan or type a SKU, barcode or name</source>
        <translation>Quét hoặc nhập mã hàng, mã vạch hay tên</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Thêm</translation>
    </message>
    <message>
        <source>Every product without a barcode</source>
        <translation>Mọi sản phẩm chưa có mã vạch</translation>
    </message>
    <message>
        <source>Labels to reprint (price changed)</source>
        <translation>Nhãn cần in lại (đổi giá)</translation>
    </message>
    <message>
        <source>Goods receipt document, e.g. PN-2026-11</source>
        <translation>Số phiếu nhập kho, ví dụ PN-2026-11</translation>
    </message>
    <message>
        <source>Everything received</source>
        <translation>Toàn bộ hàng đã nhập</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Sản phẩm</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>Mã hàng</translation>
    </message>
    <message>
        <source>Barcode</source>
        <translation>Mã vạch</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Số nhãn</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Assign in-store codes</source>
        <translation>Gán mã nội bộ</translation>
    </message>
    <message>
        <source>New price, e.g. 125.000</source>
        <translation>Giá mới, ví dụ 125.000</translation>
    </message>
    <message>
        <source>Set showroom price</source>
        <translation>Đặt giá bán tại cửa hàng</translation>
    </message>
    <message>
        <source>Labels for each product added from now on</source>
        <translation>Số nhãn cho mỗi sản phẩm thêm từ bây giờ</translation>
    </message>
    <message>
        <source>Labels per product</source>
        <translation>Số nhãn mỗi sản phẩm</translation>
    </message>
    <message>
        <source>Standard 50×30 mm</source>
        <translation>Tiêu chuẩn 50×30 mm</translation>
    </message>
    <message>
        <source>With traceability QR 60×40 mm</source>
        <translation>Có mã QR truy xuất 60×40 mm</translation>
    </message>
    <message>
        <source>Template</source>
        <translation>Mẫu nhãn</translation>
    </message>
    <message>
        <source>Label printer ({uri})</source>
        <translation>Máy in nhãn ({uri})</translation>
    </message>
    <message>
        <source>Label printer (not set up in Settings)</source>
        <translation>Máy in nhãn (chưa cài đặt trong Cài đặt)</translation>
    </message>
    <message>
        <source>A4 PDF, sheet {sheet}</source>
        <translation>PDF khổ A4, tờ decal {sheet}</translation>
    </message>
    <message>
        <source>Print to</source>
        <translation>In ra</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Chọn…</translation>
    </message>
    <message>
        <source>PDF file</source>
        <translation>Tệp PDF</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>Print labels</source>
        <translation>In nhãn</translation>
    </message>
    <message>
        <source>No single product matches “{text}”; type more of the name or its SKU.</source>
        <translation>Không có đúng một sản phẩm khớp với “{text}”; hãy gõ thêm tên hoặc mã hàng.</translation>
    </message>
    <message>
        <source>{n} products chosen.</source>
        <translation>Đã chọn {n} sản phẩm.</translation>
    </message>
    <message>
        <source>{n} products have no barcode; they were added to the list.</source>
        <translation>{n} sản phẩm chưa có mã vạch đã được thêm vào danh sách.</translation>
    </message>
    <message>
        <source>{n} products changed price since their last label.</source>
        <translation>{n} sản phẩm đã đổi giá từ lần in nhãn trước.</translation>
    </message>
    <message>
        <source>{n} products of goods receipt {doc} added, one label a piece.</source>
        <translation>Đã thêm {n} sản phẩm của phiếu nhập {doc}, mỗi chiếc một nhãn.</translation>
    </message>
    <message>
        <source>Save labels as PDF</source>
        <translation>Lưu nhãn thành PDF</translation>
    </message>
    <message>
        <source>Assigning in-store codes…</source>
        <translation>Đang gán mã nội bộ…</translation>
    </message>
    <message>
        <source>A manager did not approve; nothing was changed.</source>
        <translation>Quản lý chưa duyệt; không có gì thay đổi.</translation>
    </message>
    <message>
        <source>Choose the product in the list first.</source>
        <translation>Hãy chọn sản phẩm trong danh sách trước.</translation>
    </message>
    <message>
        <source>No label printer is set up: enter its address in Settings, or print to an A4 PDF.</source>
        <translation>Chưa cài máy in nhãn: nhập địa chỉ máy in trong Cài đặt, hoặc in ra PDF khổ A4.</translation>
    </message>
    <message>
        <source>Sending the labels to {where}…</source>
        <translation>Đang gửi nhãn tới {where}…</translation>
    </message>
    <message>
        <source>Choose where to save the PDF.</source>
        <translation>Hãy chọn nơi lưu tệp PDF.</translation>
    </message>
    <message>
        <source>Writing the label sheets to {where}…</source>
        <translation>Đang ghi các tờ nhãn vào {where}…</translation>
    </message>
    <message>
        <source>Something went wrong; nothing was printed ({error}).</source>
        <translation>Đã xảy ra lỗi; chưa in nhãn nào ({error}).</translation>
    </message>
</context>
<context>
    <name>LanguagePage</name>
    <message>
        <source>Vietnamese</source>
        <translation>Tiếng Việt</translation>
    </message>
    <message>
        <source>English (the second language)</source>
        <translation>Tiếng Anh (ngôn ngữ thứ hai)</translation>
    </message>
    <message>
        <source>The new language applies the next time the app starts.</source>
        <translation>Ngôn ngữ mới áp dụng từ lần mở phần mềm tiếp theo.</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>OCOP POS · {showroom} · Till {till}</source>
        <translation>OCOP POS · {showroom} · Quầy {till}</translation>
    </message>
    <message>
        <source>Who is at the till?</source>
        <translation>Ai đang đứng quầy?</translation>
    </message>
    <message>
        <source>Touch your name, then type your PIN.</source>
        <translation>Chạm vào tên của bạn, rồi nhập mã PIN.</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Đăng nhập</translation>
    </message>
    <message>
        <source>Touch your name (or ↑/↓), then type your PIN.</source>
        <translation>Chạm vào tên của bạn (hoặc ↑/↓), rồi nhập mã PIN.</translation>
    </message>
    <message>
        <source>PIN for {name}</source>
        <translation>Mã PIN của {name}</translation>
    </message>
    <message>
        <source>Nobody is chosen: touch your name first, then type your PIN.</source>
        <translation>Chưa chọn ai: hãy chạm vào tên của bạn trước, rồi nhập mã PIN.</translation>
    </message>
</context>
<context>
    <name>Lookup</name>
    <message>
        <source>Scanned {code}: finish the open window first, then scan again.</source>
        <translation>Đã quét {code}: hãy hoàn tất cửa sổ đang mở rồi quét lại.</translation>
    </message>
    <message>
        <source>Code {code} is not in the catalog. Search by name below, or press Esc.</source>
        <translation>Mã {code} không có trong danh mục. Tìm theo tên ở dưới, hoặc nhấn Esc.</translation>
    </message>
    <message>
        <source>{name}: OCOP certificate expired — a manager approves at payment.</source>
        <translation>{name}: chứng nhận OCOP đã hết hạn — quản lý sẽ duyệt khi thanh toán.</translation>
    </message>
    <message>
        <source>{name}: OCOP certificate expires on {date}.</source>
        <translation>{name}: chứng nhận OCOP hết hạn ngày {date}.</translation>
    </message>
    <message>
        <source>Added {name} — {price}</source>
        <translation>Đã thêm {name} — {price}</translation>
    </message>
    <message>
        <source>{name} cannot be sold: its OCOP certificate {number} has been revoked.</source>
        <translation>Không được bán {name}: chứng nhận OCOP số {number} đã bị thu hồi.</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>Cân nặng</translation>
    </message>
    <message>
        <source>{name} is sold by weight. Grams on the scale:</source>
        <translation>{name} bán theo cân. Số gam trên cân:</translation>
    </message>
    <message>
        <source>e.g. 250</source>
        <translation>ví dụ 250</translation>
    </message>
    <message>
        <source>revoked</source>
        <translation>bị thu hồi</translation>
    </message>
    <message>
        <source>certificate expired</source>
        <translation>chứng nhận hết hạn</translation>
    </message>
    <message>
        <source>certificate expires soon</source>
        <translation>chứng nhận sắp hết hạn</translation>
    </message>
    <message>
        <source>No product matches “{query}”.</source>
        <translation>Không có sản phẩm nào khớp với “{query}”.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Cashier</source>
        <translation>Thu ngân</translation>
    </message>
    <message>
        <source>OCOP Showroom POS</source>
        <translation>Phần mềm bán hàng OCOP</translation>
    </message>
    <message>
        <source>Hanoi showroom</source>
        <translation>Điểm bán Hà Nội</translation>
    </message>
    <message>
        <source>Sell</source>
        <translation>Bán hàng</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>Kho hàng</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Báo cáo</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <source>Keys: F1–F4 or Ctrl+1…4</source>
        <translation>Phím tắt: F1–F4 hoặc Ctrl+1…4</translation>
    </message>
    <message>
        <source>Till {till} · {cashier}</source>
        <translation>Quầy {till} · {cashier}</translation>
    </message>
    <message>
        <source>Scanned {code} — finish the open window first, then scan again.</source>
        <translation>Đã quét {code} — hãy hoàn tất cửa sổ đang mở rồi quét lại.</translation>
    </message>
</context>
<context>
    <name>Maintenance</name>
    <message>
        <source>This database was written by a newer version of OCOP POS (database schema {revision}). Version {version} cannot open it without risking its sales. Install the newer version again, or restore a backup made by this version.</source>
        <translation>Cơ sở dữ liệu này được tạo bởi một phiên bản OCOP POS mới hơn (cấu trúc dữ liệu {revision}). Phiên bản {version} không thể mở mà không gây rủi ro cho dữ liệu bán hàng. Hãy cài lại phiên bản mới hơn, hoặc khôi phục bản sao lưu do phiên bản này tạo.</translation>
    </message>
    <message>
        <source>Database from a newer version</source>
        <translation>Cơ sở dữ liệu của phiên bản mới hơn</translation>
    </message>
    <message>
        <source>Database opens</source>
        <translation>Mở được cơ sở dữ liệu</translation>
    </message>
    <message>
        <source>Database integrity</source>
        <translation>Tính toàn vẹn của cơ sở dữ liệu</translation>
    </message>
    <message>
        <source>Database schema up to date</source>
        <translation>Cấu trúc dữ liệu đã cập nhật</translation>
    </message>
    <message>
        <source>Database holds only this app&apos;s tables</source>
        <translation>Cơ sở dữ liệu chỉ chứa các bảng của ứng dụng này</translation>
    </message>
    <message>
        <source>Program files present</source>
        <translation>Đủ tệp chương trình</translation>
    </message>
    <message>
        <source>Translations present</source>
        <translation>Đủ tệp bản dịch</translation>
    </message>
    <message>
        <source>Printer support files present</source>
        <translation>Đủ tệp hỗ trợ máy in</translation>
    </message>
    <message>
        <source>Log folder writable</source>
        <translation>Ghi được vào thư mục nhật ký</translation>
    </message>
    <message>
        <source>The database cannot be opened</source>
        <translation>Không mở được cơ sở dữ liệu</translation>
    </message>
    <message>
        <source>The database is damaged: restore the latest backup</source>
        <translation>Cơ sở dữ liệu bị hỏng: hãy khôi phục bản sao lưu gần nhất</translation>
    </message>
    <message>
        <source>The database schema is not the one this version expects</source>
        <translation>Cấu trúc dữ liệu không khớp với phiên bản này</translation>
    </message>
    <message>
        <source>The database has tables, triggers or views this app did not create: restore a backup and call support</source>
        <translation>Cơ sở dữ liệu có bảng, trigger hoặc view không do ứng dụng này tạo: hãy khôi phục bản sao lưu và gọi hỗ trợ</translation>
    </message>
    <message>
        <source>Program files are missing: reinstall OCOP POS</source>
        <translation>Thiếu tệp chương trình: hãy cài lại OCOP POS</translation>
    </message>
    <message>
        <source>Translation files are missing: the interface will be in English</source>
        <translation>Thiếu tệp bản dịch: giao diện sẽ hiển thị tiếng Anh</translation>
    </message>
    <message>
        <source>The printer library is missing: reinstall OCOP POS</source>
        <translation>Thiếu thư viện máy in: hãy cài lại OCOP POS</translation>
    </message>
    <message>
        <source>The printer support files are missing: reinstall OCOP POS</source>
        <translation>Thiếu tệp hỗ trợ máy in: hãy cài lại OCOP POS</translation>
    </message>
    <message>
        <source>The log folder cannot be written</source>
        <translation>Không ghi được vào thư mục nhật ký</translation>
    </message>
    <message>
        <source>Problem: {code}</source>
        <translation>Sự cố: {code}</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Đạt</translation>
    </message>
    <message>
        <source>Everything is in order.</source>
        <translation>Mọi thứ đều ổn.</translation>
    </message>
    <message>
        <source>Problems found: {count}</source>
        <translation>Phát hiện {count} sự cố</translation>
    </message>
    <message>
        <source>Diagnostics saved to {path}. Send this file to support.</source>
        <translation>Đã lưu thông tin chẩn đoán vào {path}. Hãy gửi tệp này cho bộ phận hỗ trợ.</translation>
    </message>
    <message>
        <source>This command needs an admin: add --as LOGIN (the PIN is asked for, or read from the first line of standard input).</source>
        <translation>Lệnh này cần quản trị viên: thêm --as TÊN_ĐĂNG_NHẬP (mã PIN sẽ được hỏi, hoặc đọc từ dòng đầu tiên của đầu vào chuẩn).</translation>
    </message>
    <message>
        <source>Your role may not run this command.</source>
        <translation>Vai trò của bạn không được chạy lệnh này.</translation>
    </message>
    <message>
        <source>Wrong login or PIN.</source>
        <translation>Sai tên đăng nhập hoặc mã PIN.</translation>
    </message>
    <message>
        <source>This user is locked after too many wrong PINs; try again later.</source>
        <translation>Người dùng này bị khóa do nhập sai PIN quá nhiều lần; hãy thử lại sau.</translation>
    </message>
    <message>
        <source>This user is disabled.</source>
        <translation>Người dùng này đã bị vô hiệu hóa.</translation>
    </message>
    <message>
        <source>Line &quot;{line}&quot;: write SKU:QTY or SKU:QTY:COST (whole numbers); nothing was received.</source>
        <translation>Dòng &quot;{line}&quot;: hãy viết MÃ:SỐ_LƯỢNG hoặc MÃ:SỐ_LƯỢNG:GIÁ_VỐN (số nguyên); chưa nhập kho gì.</translation>
    </message>
    <message>
        <source>The settings file was refused, nothing was done: {reason}. Fix or remove the value in settings.json (the settings screen shows what is allowed).</source>
        <translation>Tệp cài đặt bị từ chối, chưa làm gì: {reason}. Hãy sửa hoặc xoá giá trị đó trong settings.json (màn hình Cài đặt cho biết giá trị nào được phép).</translation>
    </message>
</context>
<context>
    <name>Orders</name>
    <message>
        <source>a value is required</source>
        <translation>bắt buộc phải có giá trị</translation>
    </message>
    <message>
        <source>this column is missing: the export&apos;s layout changed</source>
        <translation>thiếu cột này: bố cục tệp xuất đã thay đổi</translation>
    </message>
    <message>
        <source>the columns are not those of a known shop export (give --channel)</source>
        <translation>các cột không khớp tệp xuất của sàn nào đã biết (hãy ghi --channel)</translation>
    </message>
    <message>
        <source>no column mapping for this channel</source>
        <translation>chưa có bảng ánh xạ cột cho kênh này</translation>
    </message>
    <message>
        <source>the quantity is not a whole number above zero</source>
        <translation>số lượng không phải số nguyên lớn hơn 0</translation>
    </message>
    <message>
        <source>the price is not a whole number of đồng above zero</source>
        <translation>giá không phải số đồng nguyên lớn hơn 0</translation>
    </message>
    <message>
        <source>no product here has this SKU or barcode</source>
        <translation>không có sản phẩm nào ở đây có mã hàng hoặc mã vạch này</translation>
    </message>
    <message>
        <source>this order was already imported</source>
        <translation>đơn hàng này đã được nhập trước đó</translation>
    </message>
    <message>
        <source>not enough stock for the orders (some is held by other orders)</source>
        <translation>không đủ tồn kho cho các đơn (một phần đang được giữ cho đơn khác)</translation>
    </message>
    <message>
        <source>the file has no orders</source>
        <translation>tệp không có đơn hàng nào</translation>
    </message>
    <message>
        <source>the file cannot be read</source>
        <translation>không đọc được tệp</translation>
    </message>
    <message>
        <source>{source}: {reason}</source>
        <translation>{source}: {reason}</translation>
    </message>
    <message>
        <source>{source} row {row}, column &quot;{column}&quot;: {reason}</source>
        <translation>{source} dòng {row}, cột &quot;{column}&quot;: {reason}</translation>
    </message>
    <message>
        <source>Finish or hold the current sale first (F8).</source>
        <translation>Hãy hoàn tất hoặc giữ đơn đang bán trước (F8).</translation>
    </message>
    <message>
        <source>Order taken into the sale: pay it with F12.</source>
        <translation>Đã đưa đơn hàng vào đơn bán: thanh toán bằng F12.</translation>
    </message>
</context>
<context>
    <name>OrdersDialog</name>
    <message>
        <source>Orders to pick</source>
        <translation>Đơn hàng chờ lấy</translation>
    </message>
    <message>
        <source>Orders from shops and livestreams</source>
        <translation>Đơn hàng từ sàn và livestream</translation>
    </message>
    <message>
        <source>Take into the sale (Enter)</source>
        <translation>Đưa vào đơn bán (Enter)</translation>
    </message>
    <message>
        <source>{channel} · {ref} · {buyer} · {lines} lines · {total}</source>
        <translation>{channel} · {ref} · {buyer} · {lines} dòng · {total}</translation>
    </message>
    <message>
        <source>No order is waiting.</source>
        <translation>Không có đơn hàng nào đang chờ.</translation>
    </message>
    <message>
        <source>This order was completed or cancelled meanwhile.</source>
        <translation>Đơn hàng này vừa được hoàn tất hoặc huỷ.</translation>
    </message>
    <message>
        <source>This order cannot be sold now ({code}).</source>
        <translation>Hiện chưa bán được đơn hàng này ({code}).</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <source>Payment</source>
        <translation>Thanh toán</translation>
    </message>
    <message>
        <source>Total to pay</source>
        <translation>Tổng phải trả</translation>
    </message>
    <message>
        <source>Still due</source>
        <translation>Còn phải trả</translation>
    </message>
    <message>
        <source>Back (Esc)</source>
        <translation>Quay lại (Esc)</translation>
    </message>
    <message>
        <source>E-invoice for the customer (F9)</source>
        <translation>Xuất hóa đơn cho khách (F9)</translation>
    </message>
    <message>
        <source>Add part payment (Ctrl+Enter)</source>
        <translation>Thêm khoản trả một phần (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Cash received</source>
        <translation>Tiền khách đưa</translation>
    </message>
    <message>
        <source>Leave empty and press Enter for the exact amount.</source>
        <translation>Để trống và nhấn Enter nếu khách đưa đúng số tiền.</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Tiền thừa</translation>
    </message>
    <message>
        <source>Charge the amount on the card terminal, then type the approval code it prints.</source>
        <translation>Quẹt thẻ trên máy POS ngân hàng, rồi nhập mã chuẩn chi in trên phiếu.</translation>
    </message>
    <message>
        <source>Amount on the terminal</source>
        <translation>Số tiền trên máy POS</translation>
    </message>
    <message>
        <source>Approval code</source>
        <translation>Mã chuẩn chi</translation>
    </message>
    <message>
        <source>e.g. 012345</source>
        <translation>ví dụ 012345</translation>
    </message>
    <message>
        <source>Amount by transfer</source>
        <translation>Số tiền chuyển khoản</translation>
    </message>
    <message>
        <source>The customer scans the code with their banking app. When the bank confirms the money has arrived, press Received.</source>
        <translation>Khách quét mã bằng ứng dụng ngân hàng. Khi ngân hàng báo đã nhận tiền, nhấn Đã nhận.</translation>
    </message>
    <message>
        <source>Paid so far: {parts}</source>
        <translation>Đã trả: {parts}</translation>
    </message>
    <message>
        <source>Short by</source>
        <translation>Còn thiếu</translation>
    </message>
    <message>
        <source>Complete (Enter)</source>
        <translation>Hoàn tất (Enter)</translation>
    </message>
    <message>
        <source>Card approved — complete (Enter)</source>
        <translation>Thẻ đã duyệt — hoàn tất (Enter)</translation>
    </message>
    <message>
        <source>Received — complete (Enter)</source>
        <translation>Đã nhận — hoàn tất (Enter)</translation>
    </message>
    <message>
        <source>VietQR not set up</source>
        <translation>Chưa cài đặt VietQR</translation>
    </message>
    <message>
        <source>To take bank transfers, enter the showroom&apos;s bank BIN (6 digits), account number and account holder in Settings → VietQR.</source>
        <translation>Để nhận chuyển khoản, hãy nhập mã BIN ngân hàng (6 chữ số), số tài khoản và chủ tài khoản của điểm bán trong Cài đặt → VietQR.</translation>
    </message>
    <message>
        <source>The bank settings are not valid ({code}). Check Settings → VietQR.</source>
        <translation>Thông tin ngân hàng không hợp lệ ({code}). Hãy kiểm tra Cài đặt → VietQR.</translation>
    </message>
    <message>
        <source>Account holder: {holder}
Account: {account}
Note: {note}</source>
        <translation>Chủ tài khoản: {holder}
Số tài khoản: {account}
Nội dung: {note}</translation>
    </message>
    <message>
        <source>To split the payment, press Ctrl+Enter to add this part.</source>
        <translation>Để chia nhiều hình thức thanh toán, nhấn Ctrl+Enter để thêm khoản này.</translation>
    </message>
    <message>
        <source>{method} {amount} added. Now take the rest: {due}.</source>
        <translation>Đã thêm {method} {amount}. Thu tiếp phần còn lại: {due}.</translation>
    </message>
    <message>
        <source>Invoice to: {who}</source>
        <translation>Hóa đơn cho: {who}</translation>
    </message>
    <message>
        <source>Saving the sale…</source>
        <translation>Đang lưu đơn hàng…</translation>
    </message>
    <message>
        <source>Receipt {number}</source>
        <translation>Hóa đơn {number}</translation>
    </message>
    <message>
        <source>The e-invoice is issued shortly; the status bar shows it.</source>
        <translation>Hóa đơn điện tử sẽ được lập ngay sau đây; xem ở thanh trạng thái.</translation>
    </message>
    <message>
        <source>E-invoice {number} · tax authority code {code}</source>
        <translation>Hóa đơn điện tử {number} · mã CQT {code}</translation>
    </message>
</context>
<context>
    <name>People</name>
    <message>
        <source>Wrong PIN. {remaining} tries left before this user is locked.</source>
        <translation>Sai mã PIN. Còn {remaining} lần thử trước khi tài khoản bị khóa.</translation>
    </message>
    <message>
        <source>Too many wrong PINs: this user is locked until {time}.</source>
        <translation>Nhập sai PIN quá nhiều lần: tài khoản bị khóa đến {time}.</translation>
    </message>
    <message>
        <source>This user is disabled. Ask an admin.</source>
        <translation>Tài khoản này đã bị vô hiệu hóa. Hãy liên hệ quản trị.</translation>
    </message>
    <message>
        <source>No such user.</source>
        <translation>Không có người dùng này.</translation>
    </message>
    <message>
        <source>A PIN is 4 to 8 digits; a password at least 8 characters.</source>
        <translation>Mã PIN gồm 4 đến 8 chữ số; mật khẩu ít nhất 8 ký tự.</translation>
    </message>
    <message>
        <source>A login is 1 to 40 lowercase letters, digits, dots or dashes.</source>
        <translation>Tên đăng nhập gồm 1 đến 40 chữ thường, chữ số, dấu chấm hoặc gạch ngang.</translation>
    </message>
    <message>
        <source>A name is required (at most 100 letters).</source>
        <translation>Phải nhập tên (tối đa 100 ký tự).</translation>
    </message>
    <message>
        <source>The role must be cashier, manager or admin.</source>
        <translation>Vai trò phải là thu ngân, quản lý hoặc quản trị.</translation>
    </message>
    <message>
        <source>That login is already used.</source>
        <translation>Tên đăng nhập này đã được dùng.</translation>
    </message>
    <message>
        <source>You cannot approve your own action. Another manager must enter their PIN.</source>
        <translation>Bạn không thể tự duyệt thao tác của mình. Một quản lý khác phải nhập PIN.</translation>
    </message>
    <message>
        <source>Only a manager or admin can approve.</source>
        <translation>Chỉ quản lý hoặc quản trị mới được duyệt.</translation>
    </message>
    <message>
        <source>This is the last active admin: create another admin first.</source>
        <translation>Đây là quản trị cuối cùng đang hoạt động: hãy tạo thêm một quản trị trước.</translation>
    </message>
    <message>
        <source>Not possible: {code}</source>
        <translation>Không thực hiện được: {code}</translation>
    </message>
    <message>
        <source>A shift is already open on this till.</source>
        <translation>Quầy này đang có ca mở.</translation>
    </message>
    <message>
        <source>No shift is open on this till.</source>
        <translation>Quầy này chưa mở ca.</translation>
    </message>
    <message>
        <source>This shift is already closed; its Z report stands. Nothing was changed.</source>
        <translation>Ca này đã đóng; báo cáo Z giữ nguyên. Không có gì thay đổi.</translation>
    </message>
    <message>
        <source>Enter an amount in đồng, more than zero.</source>
        <translation>Hãy nhập số tiền bằng đồng, lớn hơn 0.</translation>
    </message>
    <message>
        <source>Say why the cash goes in or out.</source>
        <translation>Hãy ghi lý do nộp hoặc rút tiền.</translation>
    </message>
    <message>
        <source>That is not a Vietnamese note.</source>
        <translation>Đây không phải mệnh giá tiền Việt Nam.</translation>
    </message>
    <message>
        <source>No such Z report.</source>
        <translation>Không có báo cáo Z này.</translation>
    </message>
    <message>
        <source>The backup file was not found.</source>
        <translation>Không tìm thấy tệp sao lưu.</translation>
    </message>
    <message>
        <source>That file is not a database backup.</source>
        <translation>Tệp này không phải bản sao lưu cơ sở dữ liệu.</translation>
    </message>
    <message>
        <source>That backup is incomplete (cut short); it cannot be restored.</source>
        <translation>Bản sao lưu này không đầy đủ (bị cắt ngang); không thể khôi phục.</translation>
    </message>
    <message>
        <source>That backup is damaged: {detail}</source>
        <translation>Bản sao lưu bị hỏng: {detail}</translation>
    </message>
    <message>
        <source>That database is not a backup of this POS app.</source>
        <translation>Cơ sở dữ liệu này không phải bản sao lưu của phần mềm bán hàng này.</translation>
    </message>
    <message>
        <source>That backup comes from a newer version of the app; update the app first.</source>
        <translation>Bản sao lưu này từ phiên bản mới hơn; hãy cập nhật phần mềm trước.</translation>
    </message>
    <message>
        <source>The counter app is running (process {pid}); close it, then restore.</source>
        <translation>Phần mềm bán hàng đang chạy (tiến trình {pid}); hãy tắt rồi mới khôi phục.</translation>
    </message>
    <message>
        <source>Could not write the backup: {detail}</source>
        <translation>Không ghi được bản sao lưu: {detail}</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>Thu ngân</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>Quản lý</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>Quản trị</translation>
    </message>
    <message>
        <source>No users yet: create the first admin with ocop-pos-admin init --admin-name NAME --admin-pin PIN.</source>
        <translation>Chưa có người dùng: hãy tạo quản trị đầu tiên bằng ocop-pos-admin init --admin-name TÊN --admin-pin PIN.</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>Hủy (Esc)</translation>
    </message>
    <message>
        <source>Z REPORT {z}</source>
        <translation>BÁO CÁO Z {z}</translation>
    </message>
    <message>
        <source>X REPORT</source>
        <translation>BÁO CÁO X</translation>
    </message>
    <message>
        <source>Till {till}</source>
        <translation>Quầy {till}</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Mở ca</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Đóng ca</translation>
    </message>
    <message>
        <source>Printed</source>
        <translation>In lúc</translation>
    </message>
    <message>
        <source>Sales ({count})</source>
        <translation>Đơn bán ({count})</translation>
    </message>
    <message>
        <source>Returns ({count})</source>
        <translation>Trả hàng ({count})</translation>
    </message>
    <message>
        <source>Voided sales</source>
        <translation>Đơn đã hủy</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Tiền mặt</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Thẻ</translation>
    </message>
    <message>
        <source>Bank transfer (VietQR)</source>
        <translation>Chuyển khoản (VietQR)</translation>
    </message>
    <message>
        <source>Opening float</source>
        <translation>Tiền đầu ca</translation>
    </message>
    <message>
        <source>Cash in</source>
        <translation>Nộp tiền vào két</translation>
    </message>
    <message>
        <source>Cash out</source>
        <translation>Rút tiền khỏi két</translation>
    </message>
    <message>
        <source>Cash expected</source>
        <translation>Tiền mặt dự kiến</translation>
    </message>
    <message>
        <source>Cash counted</source>
        <translation>Tiền mặt đếm được</translation>
    </message>
    <message>
        <source>Over / short</source>
        <translation>Thừa / thiếu</translation>
    </message>
</context>
<context>
    <name>PinApprovalDialog</name>
    <message>
        <source>Manager approval</source>
        <translation>Quản lý duyệt</translation>
    </message>
    <message>
        <source>Manager approval needed</source>
        <translation>Cần quản lý duyệt</translation>
    </message>
    <message>
        <source>{cashier} asks a manager to approve:</source>
        <translation>{cashier} đề nghị quản lý duyệt:</translation>
    </message>
    <message>
        <source>Manager</source>
        <translation>Quản lý</translation>
    </message>
    <message>
        <source>The approval is recorded with both names in the audit log.</source>
        <translation>Việc duyệt được ghi lại kèm tên cả hai người trong nhật ký kiểm soát.</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Duyệt</translation>
    </message>
    <message>
        <source>Cancel (Esc)</source>
        <translation>Hủy (Esc)</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>Mã PIN</translation>
    </message>
    <message>
        <source>No active manager exists: an admin must add one.</source>
        <translation>Chưa có quản lý nào đang hoạt động: quản trị cần thêm một người.</translation>
    </message>
    <message>
        <source>PIN of {name}</source>
        <translation>Mã PIN của {name}</translation>
    </message>
</context>
<context>
    <name>PinPad</name>
    <message>
        <source>PIN</source>
        <translation>Mã PIN</translation>
    </message>
    <message>
        <source>Delete the last digit</source>
        <translation>Xóa chữ số cuối</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>Đồng ý</translation>
    </message>
</context>
<context>
    <name>PrinterPage</name>
    <message>
        <source>Printers found</source>
        <translation>Máy in tìm thấy</translation>
    </message>
    <message>
        <source>Printer address</source>
        <translation>Địa chỉ máy in</translation>
    </message>
    <message>
        <source>tcp://IP:9100, usb://vendor:product, serial://COM3, win32://Printer name</source>
        <translation>tcp://IP:9100, usb://hãng:mẫu, serial://COM3, win32://Tên máy in</translation>
    </message>
    <message>
        <source>Paper width</source>
        <translation>Khổ giấy</translation>
    </message>
    <message>
        <source>Test print</source>
        <translation>In thử</translation>
    </message>
    <message>
        <source>No USB printer or serial port found — type the address</source>
        <translation>Không tìm thấy máy in USB hay cổng COM — hãy nhập địa chỉ</translation>
    </message>
    <message>
        <source>{n} found — choose one</source>
        <translation>Tìm thấy {n} — hãy chọn một</translation>
    </message>
    <message>
        <source>Enter the printer address first.</source>
        <translation>Hãy nhập địa chỉ máy in trước.</translation>
    </message>
    <message>
        <source>Printing the test page…</source>
        <translation>Đang in trang thử…</translation>
    </message>
    <message>
        <source>Printed. Check the page: every tone mark should be there.</source>
        <translation>Đã in. Hãy kiểm tra trang in: phải đủ mọi dấu tiếng Việt.</translation>
    </message>
    <message>
        <source>The printer did not print: {problem}</source>
        <translation>Máy in không in được: {problem}</translation>
    </message>
    <message>
        <source>The test page is still waiting for the printer.</source>
        <translation>Trang in thử vẫn đang chờ máy in.</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>The printer is switched off or not connected</source>
        <translation>Máy in chưa bật hoặc chưa kết nối</translation>
    </message>
    <message>
        <source>The printer is out of paper</source>
        <translation>Máy in hết giấy</translation>
    </message>
    <message>
        <source>The printer cover is open</source>
        <translation>Nắp máy in đang mở</translation>
    </message>
    <message>
        <source>The printer did not answer in time</source>
        <translation>Máy in không phản hồi kịp</translation>
    </message>
    <message>
        <source>The printer was not found; check its cable and the printer setting</source>
        <translation>Không tìm thấy máy in; hãy kiểm tra dây cáp và cài đặt máy in</translation>
    </message>
    <message>
        <source>The connection to the printer was lost while printing</source>
        <translation>Mất kết nối với máy in khi đang in</translation>
    </message>
    <message>
        <source>No receipt printer is set up</source>
        <translation>Chưa cài đặt máy in hóa đơn</translation>
    </message>
    <message>
        <source>The printer address in the settings is not valid</source>
        <translation>Địa chỉ máy in trong cài đặt không hợp lệ</translation>
    </message>
    <message>
        <source>Unknown print mode</source>
        <translation>Chế độ in không xác định</translation>
    </message>
    <message>
        <source>This kind of printer cannot be used on this computer</source>
        <translation>Không dùng được loại máy in này trên máy tính này</translation>
    </message>
    <message>
        <source>The receipt could not be prepared for printing</source>
        <translation>Không chuẩn bị được hóa đơn để in</translation>
    </message>
    <message>
        <source>Printing was interrupted when the program stopped</source>
        <translation>Việc in bị gián đoạn do phần mềm đã tắt</translation>
    </message>
    <message>
        <source>No sale has that receipt number</source>
        <translation>Không có đơn hàng nào mang số hóa đơn này</translation>
    </message>
    <message>
        <source>No such print job</source>
        <translation>Không có lệnh in này</translation>
    </message>
    <message>
        <source>That print job has not failed; there is nothing to retry</source>
        <translation>Lệnh in này không bị lỗi; không cần in lại</translation>
    </message>
    <message>
        <source>Printing failed ({code})</source>
        <translation>In không thành công ({code})</translation>
    </message>
    <message>
        <source>{problem} — receipt {receipt_no} is waiting to be printed again</source>
        <translation>{problem} — hóa đơn {receipt_no} đang chờ in lại</translation>
    </message>
    <message>
        <source>Printer ready</source>
        <translation>Máy in sẵn sàng</translation>
    </message>
    <message>
        <source>Printer connected; it does not report paper or cover</source>
        <translation>Máy in đã kết nối; máy không báo tình trạng giấy hay nắp</translation>
    </message>
</context>
<context>
    <name>Promotions</name>
    <message>
        <source>a value is required</source>
        <translation>bắt buộc phải có giá trị</translation>
    </message>
    <message>
        <source>the kind is not percent, amount or buy_x_get_y</source>
        <translation>loại không phải percent, amount hay buy_x_get_y</translation>
    </message>
    <message>
        <source>not a valid number for this kind (percent 1–100)</source>
        <translation>không phải số hợp lệ cho loại này (phần trăm 1–100)</translation>
    </message>
    <message>
        <source>not a date (write 2026-11-20 or 20/11/2026)</source>
        <translation>không phải ngày (viết 2026-11-20 hoặc 20/11/2026)</translation>
    </message>
    <message>
        <source>the end date is before the start date</source>
        <translation>ngày kết thúc trước ngày bắt đầu</translation>
    </message>
    <message>
        <source>hours are written 08:00-11:00</source>
        <translation>khung giờ viết dạng 08:00-11:00</translation>
    </message>
    <message>
        <source>stars are 3, 4 or 5</source>
        <translation>hạng sao là 3, 4 hoặc 5</translation>
    </message>
    <message>
        <source>buy X get Y needs both numbers</source>
        <translation>mua X tặng Y cần đủ cả hai số</translation>
    </message>
    <message>
        <source>this id is already on an earlier row</source>
        <translation>mã này đã có ở một dòng trước</translation>
    </message>
    <message>
        <source>this column is missing</source>
        <translation>thiếu cột này</translation>
    </message>
    <message>
        <source>this column is not a campaign column</source>
        <translation>cột này không thuộc tệp chương trình khuyến mại</translation>
    </message>
    <message>
        <source>the file has no promotions</source>
        <translation>tệp không có khuyến mại nào</translation>
    </message>
    <message>
        <source>the file is not UTF-8 text (save it as CSV UTF-8)</source>
        <translation>tệp không phải văn bản UTF-8 (hãy lưu dạng CSV UTF-8)</translation>
    </message>
    <message>
        <source>the file cannot be read</source>
        <translation>không đọc được tệp</translation>
    </message>
    <message>
        <source>{source}: {reason}</source>
        <translation>{source}: {reason}</translation>
    </message>
    <message>
        <source>{source} row {row}, column &quot;{column}&quot;: {reason}</source>
        <translation>{source} dòng {row}, cột &quot;{column}&quot;: {reason}</translation>
    </message>
</context>
<context>
    <name>RecallDialog</name>
    <message>
        <source>Held sales</source>
        <translation>Đơn đang tạm giữ</translation>
    </message>
    <message>
        <source>(no label)</source>
        <translation>(không có ghi chú)</translation>
    </message>
    <message>
        <source>{label}  ·  {lines} lines  ·  {total}  ·  held at {time}</source>
        <translation>{label}  ·  {lines} dòng  ·  {total}  ·  giữ lúc {time}</translation>
    </message>
    <message>
        <source>No sales on hold.</source>
        <translation>Không có đơn nào đang tạm giữ.</translation>
    </message>
    <message>
        <source>Del discards the highlighted sale (the customer left).</source>
        <translation>Nhấn Del để bỏ đơn đang chọn (khách đã đi).</translation>
    </message>
    <message>
        <source>Recall (Enter)</source>
        <translation>Gọi lại (Enter)</translation>
    </message>
</context>
<context>
    <name>ReceiptDialog</name>
    <message>
        <source>Goods receipt</source>
        <translation>Nhập hàng</translation>
    </message>
    <message>
        <source>Scan or type each product, its quantity and the unit cost on the producer&apos;s delivery note.</source>
        <translation>Quét hoặc nhập từng sản phẩm, số lượng và đơn giá vốn theo phiếu giao hàng của chủ thể.</translation>
    </message>
    <message>
        <source>Producer</source>
        <translation>Chủ thể</translation>
    </message>
    <message>
        <source>e.g. PN-0042</source>
        <translation>ví dụ PN-0042</translation>
    </message>
    <message>
        <source>Delivery note no.</source>
        <translation>Số phiếu giao hàng</translation>
    </message>
    <message>
        <source>On consignment (paid to the producer when sold)</source>
        <translation>Hàng ký gửi (thanh toán cho chủ thể khi bán được)</translation>
    </message>
    <message>
        <source>Barcode or SKU</source>
        <translation>Mã vạch hoặc mã hàng</translation>
    </message>
    <message>
        <source>Qty </source>
        <translation>SL </translation>
    </message>
    <message>
        <source>Unit cost (₫)</source>
        <translation>Giá vốn (₫)</translation>
    </message>
    <message>
        <source>Add line</source>
        <translation>Thêm dòng</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Sản phẩm</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>SL</translation>
    </message>
    <message>
        <source>Unit cost</source>
        <translation>Giá vốn</translation>
    </message>
    <message>
        <source>Line cost</source>
        <translation>Thành tiền vốn</translation>
    </message>
    <message>
        <source>Remove line</source>
        <translation>Xóa dòng</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Save receipt</source>
        <translation>Lưu phiếu nhập</translation>
    </message>
    <message>
        <source>{lines} lines · {qty} items · cost {cost}</source>
        <translation>{lines} dòng · {qty} sản phẩm · giá vốn {cost}</translation>
    </message>
</context>
<context>
    <name>RegistryPage</name>
    <message>
        <source>From the registry&apos;s enrol-till command</source>
        <translation>Lấy từ lệnh đăng ký quầy của hệ thống OCOP thành phố</translation>
    </message>
    <message>
        <source>Registry address</source>
        <translation>Địa chỉ hệ thống OCOP thành phố</translation>
    </message>
    <message>
        <source>Enrolment token</source>
        <translation>Mã đăng ký</translation>
    </message>
    <message>
        <source>Kept in the system keyring or a private file, never in the settings file</source>
        <translation>Lưu trong kho khóa của hệ điều hành hoặc một tệp riêng tư, không bao giờ lưu trong tệp cài đặt</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Kết nối</translation>
    </message>
    <message>
        <source>This till is already enrolled with {url}.</source>
        <translation>Quầy này đã được đăng ký với {url}.</translation>
    </message>
    <message>
        <source>Enter the registry address and the token, or skip this step.</source>
        <translation>Hãy nhập địa chỉ hệ thống và mã đăng ký, hoặc bỏ qua bước này.</translation>
    </message>
    <message>
        <source>Connecting to the registry…</source>
        <translation>Đang kết nối hệ thống OCOP thành phố…</translation>
    </message>
    <message>
        <source>the registry did not recognise the token</source>
        <translation>hệ thống OCOP thành phố không nhận ra mã đăng ký</translation>
    </message>
    <message>
        <source>Not connected: {reason}. Check the address and token and try again, or skip this step and enrol later.</source>
        <translation>Chưa kết nối được: {reason}. Hãy kiểm tra địa chỉ và mã đăng ký rồi thử lại, hoặc bỏ qua bước này và đăng ký sau.</translation>
    </message>
    <message>
        <source>Connected: till {till} of showroom {showroom}.</source>
        <translation>Đã kết nối: quầy {till} của điểm bán {showroom}.</translation>
    </message>
</context>
<context>
    <name>RejectedEventsDialog</name>
    <message>
        <source>Events refused by the registry</source>
        <translation>Dữ liệu bị hệ thống OCOP từ chối</translation>
    </message>
    <message>
        <source>The registry refused these events. They are kept, not lost: fix the cause, then send them again.</source>
        <translation>Hệ thống OCOP thành phố đã từ chối các dữ liệu này. Dữ liệu vẫn được giữ, không bị mất: hãy khắc phục nguyên nhân rồi gửi lại.</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Mã dữ liệu</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Why it was refused</source>
        <translation>Lý do bị từ chối</translation>
    </message>
    <message>
        <source>Send selected again</source>
        <translation>Gửi lại mục đã chọn</translation>
    </message>
    <message>
        <source>Send all again</source>
        <translation>Gửi lại tất cả</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>The refused events could not be read ({error}).</source>
        <translation>Không đọc được danh sách dữ liệu bị từ chối ({error}).</translation>
    </message>
    <message>
        <source>No refused events.</source>
        <translation>Không có dữ liệu nào bị từ chối.</translation>
    </message>
    <message>
        <source>Sale</source>
        <translation>Đơn bán</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Trả hàng</translation>
    </message>
    <message>
        <source>Stock movement</source>
        <translation>Biến động kho</translation>
    </message>
    <message>
        <source>Shift close (Z report)</source>
        <translation>Chốt ca (báo cáo Z)</translation>
    </message>
    <message>
        <source>Pick the events to send again.</source>
        <translation>Hãy chọn dữ liệu cần gửi lại.</translation>
    </message>
    <message>
        <source>Not sent again: a manager must approve.</source>
        <translation>Chưa gửi lại: cần quản lý duyệt.</translation>
    </message>
    <message>
        <source>The events could not be queued again ({error}).</source>
        <translation>Không đưa lại được vào hàng chờ gửi ({error}).</translation>
    </message>
    <message>
        <source>{count} events are waiting to be sent again.</source>
        <translation>{count} dữ liệu đang chờ gửi lại.</translation>
    </message>
</context>
<context>
    <name>ReportView</name>
    <message>
        <source>Opening float</source>
        <translation>Tiền đầu ca</translation>
    </message>
    <message>
        <source>Sales ({count})</source>
        <translation>Đơn bán ({count})</translation>
    </message>
    <message>
        <source>Returns ({count})</source>
        <translation>Trả hàng ({count})</translation>
    </message>
    <message>
        <source>  Cash</source>
        <translation>  Tiền mặt</translation>
    </message>
    <message>
        <source>  Card</source>
        <translation>  Thẻ</translation>
    </message>
    <message>
        <source>  Bank transfer (VietQR)</source>
        <translation>  Chuyển khoản (VietQR)</translation>
    </message>
    <message>
        <source>Cash in</source>
        <translation>Nộp tiền vào két</translation>
    </message>
    <message>
        <source>Cash out</source>
        <translation>Rút tiền khỏi két</translation>
    </message>
    <message>
        <source>Cash expected in the drawer</source>
        <translation>Tiền mặt dự kiến trong két</translation>
    </message>
</context>
<context>
    <name>Reports</name>
    <message>
        <source>Sales by day</source>
        <translation>Doanh số theo ngày</translation>
    </message>
    <message>
        <source>Sales by hour</source>
        <translation>Doanh số theo giờ</translation>
    </message>
    <message>
        <source>Sales by product</source>
        <translation>Doanh số theo sản phẩm</translation>
    </message>
    <message>
        <source>Sales by producer</source>
        <translation>Doanh số theo chủ thể</translation>
    </message>
    <message>
        <source>Sales by OCOP group</source>
        <translation>Doanh số theo nhóm OCOP</translation>
    </message>
    <message>
        <source>Sales by star rating</source>
        <translation>Doanh số theo hạng sao</translation>
    </message>
    <message>
        <source>Takings by payment method</source>
        <translation>Doanh thu theo hình thức thanh toán</translation>
    </message>
    <message>
        <source>Sales by cashier</source>
        <translation>Doanh số theo thu ngân</translation>
    </message>
    <message>
        <source>Top sellers</source>
        <translation>Bán chạy nhất</translation>
    </message>
    <message>
        <source>Slow sellers (in stock)</source>
        <translation>Bán chậm (còn tồn kho)</translation>
    </message>
    <message>
        <source>Stock valuation</source>
        <translation>Giá trị tồn kho</translation>
    </message>
    <message>
        <source>Producer settlement (consignment)</source>
        <translation>Đối soát chủ thể (hàng ký gửi)</translation>
    </message>
    <message>
        <source>OCOP certificates to renew</source>
        <translation>Chứng nhận OCOP cần gia hạn</translation>
    </message>
    <message>
        <source>Daily sales by product</source>
        <translation>Doanh số hằng ngày theo sản phẩm</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <source>Hour</source>
        <translation>Giờ</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>Đơn bán</translation>
    </message>
    <message>
        <source>Returns</source>
        <translation>Trả hàng</translation>
    </message>
    <message>
        <source>Sold</source>
        <translation>Đã bán</translation>
    </message>
    <message>
        <source>Refunded</source>
        <translation>Đã hoàn tiền</translation>
    </message>
    <message>
        <source>Discounts</source>
        <translation>Giảm giá</translation>
    </message>
    <message>
        <source>Net takings</source>
        <translation>Doanh thu thuần</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>Mã hàng</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Sản phẩm</translation>
    </message>
    <message>
        <source>Producer</source>
        <translation>Chủ thể</translation>
    </message>
    <message>
        <source>Producer code</source>
        <translation>Mã chủ thể</translation>
    </message>
    <message>
        <source>Qty sold</source>
        <translation>SL đã bán</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Thành tiền</translation>
    </message>
    <message>
        <source>OCOP group</source>
        <translation>Nhóm OCOP</translation>
    </message>
    <message>
        <source>Stars</source>
        <translation>Hạng sao</translation>
    </message>
    <message>
        <source>Payment method</source>
        <translation>Hình thức thanh toán</translation>
    </message>
    <message>
        <source>Receipts</source>
        <translation>Số hóa đơn</translation>
    </message>
    <message>
        <source>Cashier</source>
        <translation>Thu ngân</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>Tồn kho</translation>
    </message>
    <message>
        <source>Valued at</source>
        <translation>Định giá theo</translation>
    </message>
    <message>
        <source>Unit value</source>
        <translation>Đơn giá trị</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Giá trị</translation>
    </message>
    <message>
        <source>Unit cost</source>
        <translation>Giá vốn</translation>
    </message>
    <message>
        <source>Owed</source>
        <translation>Phải trả</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>Chứng nhận</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Hết hạn</translation>
    </message>
    <message>
        <source>Certificate state</source>
        <translation>Tình trạng chứng nhận</translation>
    </message>
    <message>
        <source>Food</source>
        <translation>Thực phẩm</translation>
    </message>
    <message>
        <source>Beverages</source>
        <translation>Đồ uống</translation>
    </message>
    <message>
        <source>Herbal products</source>
        <translation>Thảo dược</translation>
    </message>
    <message>
        <source>Textiles and garments</source>
        <translation>Vải và may mặc</translation>
    </message>
    <message>
        <source>Handicrafts and decoration</source>
        <translation>Thủ công mỹ nghệ, trang trí</translation>
    </message>
    <message>
        <source>Rural tourism services</source>
        <translation>Dịch vụ du lịch nông thôn</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Tiền mặt</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Thẻ</translation>
    </message>
    <message>
        <source>VietQR transfer</source>
        <translation>Chuyển khoản VietQR</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>Còn hiệu lực</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Hết hạn</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Bị thu hồi</translation>
    </message>
    <message>
        <source>Expiring soon</source>
        <translation>Sắp hết hạn</translation>
    </message>
    <message>
        <source>cost</source>
        <translation>giá vốn</translation>
    </message>
    <message>
        <source>price</source>
        <translation>giá bán</translation>
    </message>
    <message>
        <source>Amounts are line totals after line discounts, before discounts on the whole sale.</source>
        <translation>Số tiền là thành tiền từng dòng sau giảm giá dòng, trước giảm giá cả đơn.</translation>
    </message>
    <message>
        <source>Stock on hand now, valued at the average cost of goods received; products never received with a cost are valued at their selling price.</source>
        <translation>Tồn kho hiện tại, định giá theo giá vốn bình quân của hàng nhập; sản phẩm chưa từng nhập có giá vốn thì tính theo giá bán.</translation>
    </message>
    <message>
        <source>Consigned goods sold in the period, net of returns, at the average unit cost of their consignment receipts up to the period&apos;s last day.</source>
        <translation>Hàng ký gửi đã bán trong kỳ, trừ hàng trả lại, tính theo giá vốn bình quân của các phiếu nhập ký gửi đến ngày cuối kỳ.</translation>
    </message>
    <message>
        <source>Some products were both bought and consigned: all their sales are counted as consigned.</source>
        <translation>Một số sản phẩm vừa mua đứt vừa ký gửi: toàn bộ doanh số của chúng được tính là hàng ký gửi.</translation>
    </message>
    <message>
        <source>The end date is before the start date.</source>
        <translation>Ngày kết thúc trước ngày bắt đầu.</translation>
    </message>
    <message>
        <source>There is no such report.</source>
        <translation>Không có báo cáo này.</translation>
    </message>
    <message>
        <source>The report failed ({code}).</source>
        <translation>Không lập được báo cáo ({code}).</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Tổng cộng</translation>
    </message>
    <message>
        <source>{n} stars</source>
        <translation>{n} sao</translation>
    </message>
</context>
<context>
    <name>ReportsScreen</name>
    <message>
        <source>Reports</source>
        <translation>Báo cáo</translation>
    </message>
    <message>
        <source>Sales today</source>
        <translation>Đơn bán hôm nay</translation>
    </message>
    <message>
        <source>Returns today</source>
        <translation>Phiếu trả hàng hôm nay</translation>
    </message>
    <message>
        <source>Net takings today</source>
        <translation>Doanh thu thuần hôm nay</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Hôm nay</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>Tuần này</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>Tháng này</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Tùy chọn</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Xem</translation>
    </message>
    <message>
        <source>Excel</source>
        <translation>Excel</translation>
    </message>
    <message>
        <source>CSV</source>
        <translation>CSV</translation>
    </message>
    <message>
        <source>Print / PDF</source>
        <translation>In / PDF</translation>
    </message>
    <message>
        <source>{title}: {start} – {end}</source>
        <translation>{title}: {start} – {end}</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Bảng tính Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Save report</source>
        <translation>Lưu báo cáo</translation>
    </message>
</context>
<context>
    <name>ReturnsDialog</name>
    <message>
        <source>Return</source>
        <translation>Trả hàng</translation>
    </message>
    <message>
        <source>Return goods</source>
        <translation>Trả hàng</translation>
    </message>
    <message>
        <source>Scan the receipt&apos;s barcode or type its number, e.g. Q01-20261123-0042</source>
        <translation>Quét mã vạch trên hóa đơn hoặc nhập số hóa đơn, ví dụ Q01-20261123-0042</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Tìm</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Sản phẩm</translation>
    </message>
    <message>
        <source>Sold</source>
        <translation>Đã bán</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Đã trả</translation>
    </message>
    <message>
        <source>Can return</source>
        <translation>Còn được trả</translation>
    </message>
    <message>
        <source>Return now</source>
        <translation>Trả lần này</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>e.g. broken in transport, wrong size</source>
        <translation>ví dụ vỡ khi vận chuyển, sai kích cỡ</translation>
    </message>
    <message>
        <source>Back (Esc)</source>
        <translation>Quay lại (Esc)</translation>
    </message>
    <message>
        <source>Return everything (Ctrl+A)</source>
        <translation>Trả toàn bộ (Ctrl+A)</translation>
    </message>
    <message>
        <source>Refund (Ctrl+Enter)</source>
        <translation>Hoàn tiền (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Receipt {number} · {time} · {total} · cashier {cashier}</source>
        <translation>Hóa đơn {number} · {time} · {total} · thu ngân {cashier}</translation>
    </message>
    <message>
        <source>Paid by {paid}. The refund goes back the same way: card or transfer first, cash last.</source>
        <translation>Đã thanh toán bằng {paid}. Tiền hoàn trả theo đúng hình thức đó: thẻ hoặc chuyển khoản trước, tiền mặt sau cùng.</translation>
    </message>
    <message>
        <source>Everything on this receipt has been returned already.</source>
        <translation>Toàn bộ hàng trong hóa đơn này đã được trả.</translation>
    </message>
    <message>
        <source>Saving the return…</source>
        <translation>Đang lưu phiếu trả hàng…</translation>
    </message>
    <message>
        <source>Return {number} saved. Refund {total}: {refunds}.</source>
        <translation>Đã lưu phiếu trả {number}. Hoàn tiền {total}: {refunds}.</translation>
    </message>
</context>
<context>
    <name>ScannerPage</name>
    <message>
        <source>Put the cursor here and scan a barcode</source>
        <translation>Đặt con trỏ vào đây rồi quét một mã vạch</translation>
    </message>
    <message>
        <source>Waiting for a scan…</source>
        <translation>Đang chờ quét…</translation>
    </message>
    <message>
        <source>A USB scanner in keyboard mode types the code quickly and ends with Enter. Serial scanners are set in Settings.</source>
        <translation>Máy quét USB ở chế độ bàn phím gõ mã rất nhanh và kết thúc bằng Enter. Máy quét cổng COM được cài trong Cài đặt.</translation>
    </message>
    <message>
        <source>Scanner read: {code} ({n} characters)</source>
        <translation>Máy quét đọc được: {code} ({n} ký tự)</translation>
    </message>
    <message>
        <source>The scanner works. Scan a product&apos;s barcode to compare it with the label.</source>
        <translation>Máy quét hoạt động tốt. Hãy quét mã vạch một sản phẩm để so với tem.</translation>
    </message>
    <message>
        <source>Typed, not scanned: {code}</source>
        <translation>Gõ tay, không phải quét: {code}</translation>
    </message>
    <message>
        <source>If this came from the scanner, it types too slowly for the till: raise &quot;Longest gap between keys&quot; in Settings.</source>
        <translation>Nếu đây là từ máy quét thì máy gõ quá chậm: hãy tăng &quot;Khoảng cách tối đa giữa hai phím&quot; trong Cài đặt.</translation>
    </message>
</context>
<context>
    <name>Sell</name>
    <message>
        <source>Quantity must be a whole number, e.g. 2.</source>
        <translation>Số lượng phải là số nguyên, ví dụ 2.</translation>
    </message>
    <message>
        <source>Quantity must be at least 1.</source>
        <translation>Số lượng tối thiểu là 1.</translation>
    </message>
    <message>
        <source>Quantity is too large (at most 9,999 pieces or 100,000 g).</source>
        <translation>Số lượng quá lớn (tối đa 9.999 cái hoặc 100.000 g).</translation>
    </message>
    <message>
        <source>Unknown unit for this product.</source>
        <translation>Đơn vị tính của sản phẩm này không xác định.</translation>
    </message>
    <message>
        <source>This product has an unknown VAT rate; fix it in the catalog.</source>
        <translation>Sản phẩm có thuế suất GTGT không hợp lệ; hãy sửa trong danh mục.</translation>
    </message>
    <message>
        <source>Price must be a whole number of đồng above 0.</source>
        <translation>Giá phải là số đồng nguyên lớn hơn 0.</translation>
    </message>
    <message>
        <source>Price is too large (at most 1,000,000,000 ₫).</source>
        <translation>Giá quá lớn (tối đa 1.000.000.000 ₫).</translation>
    </message>
    <message>
        <source>Discount must be a whole number of đồng, 0 or more.</source>
        <translation>Giảm giá phải là số đồng nguyên, từ 0 trở lên.</translation>
    </message>
    <message>
        <source>Discount cannot be more than the line amount.</source>
        <translation>Giảm giá không được lớn hơn thành tiền của dòng.</translation>
    </message>
    <message>
        <source>That line is no longer in the cart.</source>
        <translation>Dòng này không còn trong giỏ hàng.</translation>
    </message>
    <message>
        <source>The cart is empty.</source>
        <translation>Giỏ hàng trống.</translation>
    </message>
    <message>
        <source>The saved cart could not be read; a new cart was started.</source>
        <translation>Không đọc được giỏ hàng đã lưu; đã mở giỏ hàng mới.</translation>
    </message>
    <message>
        <source>Unknown payment method.</source>
        <translation>Hình thức thanh toán không xác định.</translation>
    </message>
    <message>
        <source>Amount must be a whole number of đồng above 0.</source>
        <translation>Số tiền phải là số đồng nguyên lớn hơn 0.</translation>
    </message>
    <message>
        <source>The cash handed over is less than the amount.</source>
        <translation>Tiền khách đưa ít hơn số phải trả.</translation>
    </message>
    <message>
        <source>Card or transfer cannot be more than the amount still due ({remaining}).</source>
        <translation>Thẻ hoặc chuyển khoản không được vượt quá số còn phải trả ({remaining}).</translation>
    </message>
    <message>
        <source>The total is already paid.</source>
        <translation>Đơn hàng đã được thanh toán đủ.</translation>
    </message>
    <message>
        <source>Enter the card terminal&apos;s approval code.</source>
        <translation>Hãy nhập mã chuẩn chi từ máy POS ngân hàng.</translation>
    </message>
    <message>
        <source>The payment is less than the total: {shortfall} still due.</source>
        <translation>Số tiền thanh toán chưa đủ: còn thiếu {shortfall}.</translation>
    </message>
    <message>
        <source>Add a payment first.</source>
        <translation>Hãy thêm một khoản thanh toán trước.</translation>
    </message>
    <message>
        <source>This product&apos;s OCOP certificate has been revoked: it cannot be sold.</source>
        <translation>Chứng nhận OCOP của sản phẩm này đã bị thu hồi: không được bán.</translation>
    </message>
    <message>
        <source>This product&apos;s OCOP certificate has expired: the showroom does not sell it.</source>
        <translation>Chứng nhận OCOP của sản phẩm này đã hết hạn: điểm bán không bán sản phẩm này.</translation>
    </message>
    <message>
        <source>This product is sold by weight: scan its scale label or type grams.</source>
        <translation>Sản phẩm này bán theo cân: hãy quét tem cân hoặc nhập số gam.</translation>
    </message>
    <message>
        <source>That held sale is no longer there.</source>
        <translation>Đơn tạm giữ này không còn nữa.</translation>
    </message>
    <message>
        <source>This sale&apos;s customer was erased: choose again (Ctrl+G).</source>
        <translation>Khách hàng của đơn này đã bị xoá: hãy chọn lại (Ctrl+G).</translation>
    </message>
    <message>
        <source>This order was already sold or cancelled at a till.</source>
        <translation>Đơn hàng này đã được bán hoặc huỷ ở một quầy.</translation>
    </message>
    <message>
        <source>The rest of this product is held for shop orders (Ctrl+O).</source>
        <translation>Số còn lại của sản phẩm này đang được giữ cho đơn hàng từ sàn (Ctrl+O).</translation>
    </message>
    <message>
        <source>The disk is full: the sale was NOT recorded and the cart is kept. Free some space (or call IT), then take the payment again.</source>
        <translation>Ổ đĩa đã đầy: giao dịch CHƯA được ghi, giỏ hàng vẫn được giữ. Hãy giải phóng dung lượng (hoặc gọi IT), rồi thanh toán lại.</translation>
    </message>
    <message>
        <source>This sale is too old to void; make a return instead.</source>
        <translation>Đơn này đã quá thời gian được hủy; hãy làm phiếu trả hàng.</translation>
    </message>
    <message>
        <source>This product is not in the catalog.</source>
        <translation>Sản phẩm này không có trong danh mục.</translation>
    </message>
    <message>
        <source>This product is no longer sold.</source>
        <translation>Sản phẩm này đã ngừng bán.</translation>
    </message>
    <message>
        <source>No sale with that receipt number.</source>
        <translation>Không có đơn hàng nào mang số hóa đơn này.</translation>
    </message>
    <message>
        <source>That is more than can still be returned.</source>
        <translation>Số lượng vượt quá số còn được trả.</translation>
    </message>
    <message>
        <source>Choose at least one item to return.</source>
        <translation>Hãy chọn ít nhất một sản phẩm để trả.</translation>
    </message>
    <message>
        <source>This sale has been voided.</source>
        <translation>Đơn hàng này đã bị hủy.</translation>
    </message>
    <message>
        <source>That receipt is a return, not a sale.</source>
        <translation>Hóa đơn này là phiếu trả hàng, không phải đơn bán.</translation>
    </message>
    <message>
        <source>Only the last sale of this till can be voided.</source>
        <translation>Chỉ hủy được đơn bán gần nhất của quầy này.</translation>
    </message>
    <message>
        <source>Items of this sale were returned; it can no longer be voided.</source>
        <translation>Đơn này đã có hàng bị trả lại; không thể hủy được nữa.</translation>
    </message>
    <message>
        <source>There is no sale to void.</source>
        <translation>Không có đơn nào để hủy.</translation>
    </message>
    <message>
        <source>That is not a receipt number (e.g. Q01-20261123-0042).</source>
        <translation>Đây không phải số hóa đơn (ví dụ Q01-20261123-0042).</translation>
    </message>
    <message>
        <source>Enter a reason.</source>
        <translation>Hãy nhập lý do.</translation>
    </message>
    <message>
        <source>A manager must approve this.</source>
        <translation>Việc này cần quản lý duyệt.</translation>
    </message>
    <message>
        <source>The cashier cannot approve their own action.</source>
        <translation>Thu ngân không thể tự duyệt thao tác của mình.</translation>
    </message>
    <message>
        <source>Only a manager can approve this.</source>
        <translation>Chỉ quản lý mới được duyệt việc này.</translation>
    </message>
    <message>
        <source>Could not do that ({code}).</source>
        <translation>Không thực hiện được ({code}).</translation>
    </message>
    <message>
        <source>Price lowered beyond the allowed limit</source>
        <translation>Giảm giá bán vượt mức cho phép</translation>
    </message>
    <message>
        <source>Line discount beyond the allowed limit</source>
        <translation>Giảm giá dòng vượt mức cho phép</translation>
    </message>
    <message>
        <source>Discount on the whole sale beyond the allowed limit</source>
        <translation>Giảm giá cả đơn vượt mức cho phép</translation>
    </message>
    <message>
        <source>Product with an expired OCOP certificate</source>
        <translation>Sản phẩm có chứng nhận OCOP đã hết hạn</translation>
    </message>
    <message>
        <source>Refund to the customer</source>
        <translation>Hoàn tiền cho khách</translation>
    </message>
    <message>
        <source>Void the last sale</source>
        <translation>Hủy đơn vừa bán</translation>
    </message>
    <message>
        <source>Open the cash drawer without a sale</source>
        <translation>Mở két tiền khi không bán hàng</translation>
    </message>
    <message>
        <source>Change the till&apos;s settings</source>
        <translation>Thay đổi cài đặt của quầy</translation>
    </message>
    <message>
        <source>Send events the registry refused again</source>
        <translation>Gửi lại dữ liệu bị hệ thống OCOP từ chối</translation>
    </message>
    <message>
        <source>Give products in-store codes</source>
        <translation>Gán mã nội bộ cho sản phẩm</translation>
    </message>
    <message>
        <source>Change the showroom&apos;s selling price</source>
        <translation>Đổi giá bán tại cửa hàng</translation>
    </message>
    <message>
        <source>Needs approval ({code})</source>
        <translation>Cần duyệt ({code})</translation>
    </message>
    <message>
        <source>Wrong barcode check digit (should be {digit}): {code}</source>
        <translation>Mã vạch sai số kiểm tra (đúng phải là {digit}): {code}</translation>
    </message>
    <message>
        <source>Barcode too long: {code}</source>
        <translation>Mã vạch quá dài: {code}</translation>
    </message>
    <message>
        <source>Empty barcode.</source>
        <translation>Mã vạch trống.</translation>
    </message>
    <message>
        <source>Barcode has characters a scanner does not send: {code}</source>
        <translation>Mã vạch có ký tự máy quét không gửi: {code}</translation>
    </message>
    <message>
        <source>Cash</source>
        <translation>Tiền mặt</translation>
    </message>
    <message>
        <source>Card</source>
        <translation>Thẻ</translation>
    </message>
    <message>
        <source>VietQR transfer</source>
        <translation>Chuyển khoản VietQR</translation>
    </message>
    <message>
        <source>Back (Esc)</source>
        <translation>Quay lại (Esc)</translation>
    </message>
</context>
<context>
    <name>SellBase</name>
    <message>
        <source>Last sale: {number} · {total}</source>
        <translation>Đơn vừa bán: {number} · {total}</translation>
    </message>
</context>
<context>
    <name>SellScreen</name>
    <message>
        <source>Scan a barcode or type a product name (no tone marks needed)…</source>
        <translation>Quét mã vạch hoặc tìm sản phẩm (gõ không dấu cũng được)…</translation>
    </message>
    <message>
        <source>The cart is empty. Scan a product to start a sale.</source>
        <translation>Giỏ hàng trống. Quét một sản phẩm để bắt đầu bán.</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Số món</translation>
    </message>
    <message>
        <source>Subtotal</source>
        <translation>Tạm tính</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Giảm giá</translation>
    </message>
    <message>
        <source>VAT included</source>
        <translation>Đã gồm thuế GTGT</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Tổng cộng</translation>
    </message>
    <message>
        <source>Pay   F12</source>
        <translation>Thanh toán   F12</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Số lượng</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Giá</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Xóa</translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>Giữ đơn</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>Gọi đơn</translation>
    </message>
    <message>
        <source>Return</source>
        <translation>Trả hàng</translation>
    </message>
    <message>
        <source>Void last</source>
        <translation>Hủy đơn vừa bán</translation>
    </message>
    <message>
        <source>New sale</source>
        <translation>Đơn mới</translation>
    </message>
    <message>
        <source>Reprint</source>
        <translation>In lại</translation>
    </message>
    <message>
        <source>Open drawer</source>
        <translation>Mở két</translation>
    </message>
    <message>
        <source>Customer display (Ctrl+D)</source>
        <translation>Màn hình khách (Ctrl+D)</translation>
    </message>
    <message>
        <source>Pay</source>
        <translation>Thanh toán</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>SL</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Xóa hết</translation>
    </message>
    <message>
        <source>The open sale was restored.</source>
        <translation>Đã khôi phục đơn hàng đang bán dở.</translation>
    </message>
    <message>
        <source>Added {name} — {price}</source>
        <translation>Đã thêm {name} — {price}</translation>
    </message>
    <message>
        <source>Receipt printed.</source>
        <translation>Đã in hóa đơn.</translation>
    </message>
    <message>
        <source>Bill</source>
        <translation>In tạm tính</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>Use 1 to 8 capital letters or digits, e.g. {example}.</source>
        <translation>Dùng 1 đến 8 chữ in hoa hoặc chữ số, ví dụ {example}.</translation>
    </message>
    <message>
        <source>Enter the showroom name.</source>
        <translation>Hãy nhập tên điểm bán.</translation>
    </message>
    <message>
        <source>A tax code has 10 digits, or 10 digits, a dash and 3 digits.</source>
        <translation>Mã số thuế gồm 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số.</translation>
    </message>
    <message>
        <source>Start with tcp://, usb://, serial://, win32:// or file://.</source>
        <translation>Phải bắt đầu bằng tcp://, usb://, serial://, win32:// hoặc file://.</translation>
    </message>
    <message>
        <source>A bank BIN is exactly 6 digits.</source>
        <translation>Mã BIN ngân hàng gồm đúng 6 chữ số.</translation>
    </message>
    <message>
        <source>Use 4 to 19 letters or digits, without spaces.</source>
        <translation>Dùng 4 đến 19 chữ cái hoặc chữ số, không có khoảng trắng.</translation>
    </message>
    <message>
        <source>Use capital letters without tone marks, e.g. NGUYEN VAN AN.</source>
        <translation>Dùng chữ in hoa không dấu, ví dụ NGUYEN VAN AN.</translation>
    </message>
    <message>
        <source>This field cannot be empty.</source>
        <translation>Không được để trống ô này.</translation>
    </message>
    <message>
        <source>Too long: at most {n} characters.</source>
        <translation>Quá dài: tối đa {n} ký tự.</translation>
    </message>
    <message>
        <source>Too small: at least {n}.</source>
        <translation>Quá nhỏ: tối thiểu {n}.</translation>
    </message>
    <message>
        <source>Too large: at most {n}.</source>
        <translation>Quá lớn: tối đa {n}.</translation>
    </message>
    <message>
        <source>Fill in BIN, account and holder together (or leave all empty).</source>
        <translation>Nhập đủ cả mã BIN, số tài khoản và chủ tài khoản (hoặc để trống cả ba).</translation>
    </message>
    <message>
        <source>This value is not allowed.</source>
        <translation>Giá trị này không hợp lệ.</translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <source>Settings</source>
        <translation>Cài đặt</translation>
    </message>
    <message>
        <source>Showroom details, receipt printer, e-invoices, bank transfer (VietQR) and scanner.</source>
        <translation>Thông tin điểm bán, máy in hóa đơn, hóa đơn điện tử, chuyển khoản (VietQR) và máy quét mã vạch.</translation>
    </message>
    <message>
        <source>Run the setup again…</source>
        <translation>Chạy lại phần cài đặt…</translation>
    </message>
    <message>
        <source>The first-start wizard: showroom, registry, printer, scanner (admins only)</source>
        <translation>Trình cài đặt lần đầu: điểm bán, hệ thống OCOP, máy in, máy quét (chỉ quản trị)</translation>
    </message>
    <message>
        <source>Undo changes</source>
        <translation>Hoàn tác</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation>Lưu cài đặt</translation>
    </message>
    <message>
        <source>Showroom</source>
        <translation>Điểm bán</translation>
    </message>
    <message>
        <source>Showroom name</source>
        <translation>Tên điểm bán</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Địa chỉ</translation>
    </message>
    <message>
        <source>Street, ward, district, Hà Nội</source>
        <translation>Số nhà, đường, phường, quận, Hà Nội</translation>
    </message>
    <message>
        <source>Tax code</source>
        <translation>Mã số thuế</translation>
    </message>
    <message>
        <source>Till code</source>
        <translation>Mã quầy</translation>
    </message>
    <message>
        <source>Printed in receipt numbers, e.g. Q01-20261123-0042</source>
        <translation>In trong số hóa đơn, ví dụ Q01-20261123-0042</translation>
    </message>
    <message>
        <source>Interface language</source>
        <translation>Ngôn ngữ giao diện</translation>
    </message>
    <message>
        <source>Applied the next time the app starts</source>
        <translation>Áp dụng từ lần mở phần mềm tiếp theo</translation>
    </message>
    <message>
        <source>Receipt printer</source>
        <translation>Máy in hóa đơn</translation>
    </message>
    <message>
        <source>Printer address</source>
        <translation>Địa chỉ máy in</translation>
    </message>
    <message>
        <source>tcp://IP:9100, usb://vendor:product, serial://COM3, win32://Printer name</source>
        <translation>tcp://IP:9100, usb://hãng:mẫu, serial://COM3, win32://Tên máy in</translation>
    </message>
    <message>
        <source>Label printer</source>
        <translation>Máy in nhãn</translation>
    </message>
    <message>
        <source>Price labels (TSPL or ZPL); the same kinds of address</source>
        <translation>In nhãn giá (TSPL hoặc ZPL); địa chỉ cùng dạng như máy in hóa đơn</translation>
    </message>
    <message>
        <source>Paper width</source>
        <translation>Khổ giấy</translation>
    </message>
    <message>
        <source>Test print</source>
        <translation>In thử</translation>
    </message>
    <message>
        <source>Bank transfer (VietQR)</source>
        <translation>Chuyển khoản (VietQR)</translation>
    </message>
    <message>
        <source>Bank BIN</source>
        <translation>Mã BIN ngân hàng</translation>
    </message>
    <message>
        <source>6 digits, from the bank&apos;s VietQR list</source>
        <translation>6 chữ số, theo danh sách VietQR của ngân hàng</translation>
    </message>
    <message>
        <source>Account number</source>
        <translation>Số tài khoản</translation>
    </message>
    <message>
        <source>Account holder</source>
        <translation>Chủ tài khoản</translation>
    </message>
    <message>
        <source>Capital letters without tone marks, as the bank shows it</source>
        <translation>Chữ in hoa không dấu, đúng như ngân hàng hiển thị</translation>
    </message>
    <message>
        <source>OCOP certificates</source>
        <translation>Chứng nhận OCOP</translation>
    </message>
    <message>
        <source>Expired certificate</source>
        <translation>Chứng nhận hết hạn</translation>
    </message>
    <message>
        <source>Sell only with a manager&apos;s approval</source>
        <translation>Chỉ bán khi quản lý duyệt</translation>
    </message>
    <message>
        <source>Sell with a warning</source>
        <translation>Vẫn bán, có cảnh báo</translation>
    </message>
    <message>
        <source>Do not sell</source>
        <translation>Không bán</translation>
    </message>
    <message>
        <source>Warn before expiry</source>
        <translation>Cảnh báo trước khi hết hạn</translation>
    </message>
    <message>
        <source> days</source>
        <translation> ngày</translation>
    </message>
    <message>
        <source>Barcode scanner</source>
        <translation>Máy quét mã vạch</translation>
    </message>
    <message>
        <source>Longest gap between keys</source>
        <translation>Khoảng cách tối đa giữa hai phím</translation>
    </message>
    <message>
        <source>Faster than this is a scanner; slower is typing</source>
        <translation>Nhanh hơn mức này là máy quét; chậm hơn là gõ tay</translation>
    </message>
    <message>
        <source>Shortest code</source>
        <translation>Mã ngắn nhất</translation>
    </message>
    <message>
        <source> characters</source>
        <translation> ký tự</translation>
    </message>
    <message>
        <source>Prefix</source>
        <translation>Tiền tố</translation>
    </message>
    <message>
        <source>Suffix</source>
        <translation>Hậu tố</translation>
    </message>
    <message>
        <source>Serial port</source>
        <translation>Cổng COM</translation>
    </message>
    <message>
        <source>Only for scanners in USB-COM mode; leave empty otherwise</source>
        <translation>Chỉ dùng cho máy quét chế độ USB-COM; nếu không thì để trống</translation>
    </message>
    <message>
        <source>Nothing was saved: please correct the fields marked in red.</source>
        <translation>Chưa lưu gì: vui lòng sửa các ô được đánh dấu đỏ.</translation>
    </message>
    <message>
        <source>Nothing was saved: changing the settings needs a manager&apos;s approval.</source>
        <translation>Chưa lưu gì: thay đổi cài đặt cần quản lý duyệt.</translation>
    </message>
    <message>
        <source>The settings could not be saved: {reason}</source>
        <translation>Không lưu được cài đặt: {reason}</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>Đã lưu cài đặt.</translation>
    </message>
    <message>
        <source>No changes to save.</source>
        <translation>Không có thay đổi nào cần lưu.</translation>
    </message>
    <message>
        <source>Settings saved. The new language applies after a restart.</source>
        <translation>Đã lưu cài đặt. Ngôn ngữ mới áp dụng sau khi mở lại phần mềm.</translation>
    </message>
    <message>
        <source>{name} may look; saving a change needs a manager&apos;s PIN.</source>
        <translation>{name} chỉ được xem; muốn lưu thay đổi cần mã PIN của quản lý.</translation>
    </message>
    <message>
        <source>Enter the printer address first.</source>
        <translation>Hãy nhập địa chỉ máy in trước.</translation>
    </message>
    <message>
        <source>Test page queued: it prints in a moment.</source>
        <translation>Đã đưa trang in thử vào hàng chờ: máy sẽ in ngay.</translation>
    </message>
    <message>
        <source>The printer did not print: {problem}</source>
        <translation>Máy in không in được: {problem}</translation>
    </message>
    <message>
        <source>Sending the test page…</source>
        <translation>Đang gửi trang in thử…</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Điện thoại</translation>
    </message>
    <message>
        <source>Printed under the address on receipts; leave empty to omit</source>
        <translation>In dưới địa chỉ trên hóa đơn; để trống thì không in</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Setup</source>
        <translation>Cài đặt ban đầu</translation>
    </message>
    <message>
        <source>Only an admin can run the setup again.</source>
        <translation>Chỉ quản trị mới được chạy lại phần cài đặt.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Ngôn ngữ</translation>
    </message>
    <message>
        <source>Showroom</source>
        <translation>Điểm bán</translation>
    </message>
    <message>
        <source>City registry</source>
        <translation>Hệ thống OCOP thành phố</translation>
    </message>
    <message>
        <source>Receipt printer</source>
        <translation>Máy in hóa đơn</translation>
    </message>
    <message>
        <source>Barcode scanner</source>
        <translation>Máy quét mã vạch</translation>
    </message>
    <message>
        <source>First admin</source>
        <translation>Quản trị đầu tiên</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>Quản trị</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Sẵn sàng</translation>
    </message>
    <message>
        <source>Set up this till</source>
        <translation>Cài đặt quầy này</translation>
    </message>
    <message>
        <source>Till setup</source>
        <translation>Cài đặt quầy</translation>
    </message>
    <message>
        <source>Everything here can be changed later in Settings.</source>
        <translation>Mọi thông tin ở đây đều có thể sửa sau trong Cài đặt.</translation>
    </message>
    <message>
        <source>Welcome to OCOP POS</source>
        <translation>Chào mừng đến với OCOP POS</translation>
    </message>
    <message>
        <source>A few steps make this computer a till of the showroom. Choose the language of the screens first.</source>
        <translation>Chỉ vài bước để máy tính này trở thành một quầy của điểm bán. Trước tiên hãy chọn ngôn ngữ hiển thị.</translation>
    </message>
    <message>
        <source>The showroom</source>
        <translation>Điểm bán</translation>
    </message>
    <message>
        <source>Printed at the top of every receipt. The codes come from the city registry; the next step can fill them in for you.</source>
        <translation>In ở đầu mỗi hóa đơn. Các mã do hệ thống OCOP thành phố cấp; bước tiếp theo có thể tự điền giúp bạn.</translation>
    </message>
    <message>
        <source>Connect to the city registry</source>
        <translation>Kết nối hệ thống OCOP thành phố</translation>
    </message>
    <message>
        <source>The registry sends the OCOP catalog and receives the sales. No network or no token yet? Skip: the till sells offline, and IT enrols it later.</source>
        <translation>Hệ thống gửi danh mục OCOP và nhận dữ liệu bán hàng. Chưa có mạng hoặc chưa có mã truy cập? Hãy bỏ qua: quầy vẫn bán ngoại tuyến, bộ phận IT sẽ đăng ký sau.</translation>
    </message>
    <message>
        <source>Choose a printer this computer found, or type its address. Print a test page to be sure.</source>
        <translation>Chọn máy in mà máy tính tìm thấy, hoặc nhập địa chỉ. Hãy in thử một trang cho chắc chắn.</translation>
    </message>
    <message>
        <source>Scan any barcode: the till should recognise it as a scan.</source>
        <translation>Quét một mã vạch bất kỳ: quầy phải nhận ra đó là mã quét.</translation>
    </message>
    <message>
        <source>The first admin</source>
        <translation>Quản trị đầu tiên</translation>
    </message>
    <message>
        <source>Another admin</source>
        <translation>Thêm quản trị</translation>
    </message>
    <message>
        <source>The admin signs in with a PIN and adds cashiers and managers afterwards (Shift → Users).</source>
        <translation>Quản trị đăng nhập bằng mã PIN và thêm thu ngân, quản lý sau (Ca làm việc → Người dùng).</translation>
    </message>
    <message>
        <source>Leave the fields empty to keep the users as they are.</source>
        <translation>Để trống các ô nếu muốn giữ nguyên danh sách người dùng.</translation>
    </message>
    <message>
        <source>The till is ready</source>
        <translation>Quầy đã sẵn sàng</translation>
    </message>
    <message>
        <source>Here is what was set up.</source>
        <translation>Dưới đây là những gì đã được cài đặt.</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Quay lại</translation>
    </message>
    <message>
        <source>Skip for now</source>
        <translation>Bỏ qua lúc này</translation>
    </message>
    <message>
        <source>Start selling</source>
        <translation>Bắt đầu bán hàng</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>Hoàn tất</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Tiếp theo</translation>
    </message>
    <message>
        <source>Please correct the fields marked in red.</source>
        <translation>Vui lòng sửa các ô được đánh dấu đỏ.</translation>
    </message>
    <message>
        <source>Leave the setup?</source>
        <translation>Thoát cài đặt?</translation>
    </message>
    <message>
        <source>This till is not set up yet. What was saved so far is kept; the setup starts again at the next start.</source>
        <translation>Quầy này chưa được cài đặt xong. Những gì đã lưu vẫn được giữ; phần cài đặt sẽ chạy lại ở lần khởi động sau.</translation>
    </message>
    <message>
        <source>Leave the setup</source>
        <translation>Thoát cài đặt</translation>
    </message>
    <message>
        <source>Continue the setup</source>
        <translation>Tiếp tục cài đặt</translation>
    </message>
    <message>
        <source>The settings could not be saved: {reason}</source>
        <translation>Không lưu được cài đặt: {reason}</translation>
    </message>
    <message>
        <source>Create the first admin before starting.</source>
        <translation>Hãy tạo quản trị đầu tiên trước khi bắt đầu.</translation>
    </message>
</context>
<context>
    <name>ShellStatusBar</name>
    <message>
        <source>Sync now</source>
        <translation>Đồng bộ ngay</translation>
    </message>
    <message>
        <source>Send waiting sales to the registry now and fetch the catalog</source>
        <translation>Gửi ngay dữ liệu bán hàng đang chờ lên hệ thống OCOP và tải danh mục mới</translation>
    </message>
    <message>
        <source>Refused events…</source>
        <translation>Dữ liệu bị từ chối…</translation>
    </message>
    <message>
        <source>Waiting to send: …</source>
        <translation>Chờ gửi: …</translation>
    </message>
    <message>
        <source>Last problem: {code}</source>
        <translation>Sự cố gần nhất: {code}</translation>
    </message>
    <message>
        <source>Waiting to send: unknown</source>
        <translation>Chờ gửi: chưa rõ</translation>
    </message>
    <message>
        <source>⚠ Audit log disputed by the registry</source>
        <translation>⚠ Hệ thống thành phố nghi nhật ký bị sửa</translation>
    </message>
    <message>
        <source>Waiting to send: {pending} · refused: {rejected}</source>
        <translation>Chờ gửi: {pending} · bị từ chối: {rejected}</translation>
    </message>
    <message>
        <source>Waiting to send: {pending}</source>
        <translation>Chờ gửi: {pending}</translation>
    </message>
    <message>
        <source>Nothing waiting to send</source>
        <translation>Đã gửi hết dữ liệu</translation>
    </message>
    <message>
        <source>Sales and stock changes not yet delivered to the city OCOP registry</source>
        <translation>Đơn bán và thay đổi kho chưa gửi lên hệ thống OCOP thành phố</translation>
    </message>
    <message>
        <source>● Not connected to the registry</source>
        <translation>● Chưa kết nối hệ thống OCOP thành phố</translation>
    </message>
    <message>
        <source>● Offline · last sync {when}</source>
        <translation>● Mất kết nối · đồng bộ lần cuối {when}</translation>
    </message>
    <message>
        <source>● Offline · never synced</source>
        <translation>● Mất kết nối · chưa đồng bộ lần nào</translation>
    </message>
    <message>
        <source>● Syncing…</source>
        <translation>● Đang đồng bộ…</translation>
    </message>
    <message>
        <source>● Connecting to the registry…</source>
        <translation>● Đang kết nối hệ thống OCOP thành phố…</translation>
    </message>
    <message>
        <source>● Online · last sync {when}</source>
        <translation>● Đã kết nối · đồng bộ lần cuối {when}</translation>
    </message>
    <message>
        <source>● Online</source>
        <translation>● Đã kết nối</translation>
    </message>
    <message>
        <source>Printer: not set up</source>
        <translation>Máy in: chưa cài đặt</translation>
    </message>
    <message>
        <source>Printer: ready</source>
        <translation>Máy in: sẵn sàng</translation>
    </message>
    <message>
        <source>Printer: printing…</source>
        <translation>Máy in: đang in…</translation>
    </message>
    <message>
        <source>Printer: {problem}</source>
        <translation>Máy in: {problem}</translation>
    </message>
    <message>
        <source>Printer: error</source>
        <translation>Máy in: lỗi</translation>
    </message>
    <message>
        <source>Not connected to a registry: an admin connects the till in Settings → Setup wizard.</source>
        <translation>Chưa kết nối hệ thống OCOP thành phố: quản trị viên kết nối quầy trong Cài đặt → Chạy lại phần cài đặt.</translation>
    </message>
    <message>
        <source>Synced: {sent} sent, {remaining} still waiting.</source>
        <translation>Đã đồng bộ: đã gửi {sent}, còn {remaining} đang chờ.</translation>
    </message>
</context>
<context>
    <name>ShiftCloseDialog</name>
    <message>
        <source>Close the shift</source>
        <translation>Đóng ca</translation>
    </message>
    <message>
        <source>Opened {time} by {name} · closing: {closer}</source>
        <translation>Mở ca lúc {time} bởi {name} · người đóng ca: {closer}</translation>
    </message>
    <message>
        <source>Cash counted</source>
        <translation>Tiền mặt đếm được</translation>
    </message>
    <message>
        <source>Number of {note} notes</source>
        <translation>Số tờ {note}</translation>
    </message>
    <message>
        <source>Counted</source>
        <translation>Đếm được</translation>
    </message>
    <message>
        <source>Closing prints the Z report, sends it to the registry and backs up the database. A closed shift cannot be changed.</source>
        <translation>Đóng ca sẽ in báo cáo Z, gửi lên hệ thống OCOP thành phố và sao lưu cơ sở dữ liệu. Ca đã đóng không thể sửa.</translation>
    </message>
    <message>
        <source>Close shift and print Z</source>
        <translation>Đóng ca và in báo cáo Z</translation>
    </message>
    <message>
        <source>Balanced</source>
        <translation>Khớp</translation>
    </message>
    <message>
        <source>Over</source>
        <translation>Thừa</translation>
    </message>
    <message>
        <source>Short</source>
        <translation>Thiếu</translation>
    </message>
</context>
<context>
    <name>ShowroomPage</name>
    <message>
        <source>Street, ward, district, Hà Nội</source>
        <translation>Số nhà, đường, phường, quận, Hà Nội</translation>
    </message>
    <message>
        <source>Showroom name</source>
        <translation>Tên điểm bán</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Địa chỉ</translation>
    </message>
    <message>
        <source>Tax code (MST)</source>
        <translation>Mã số thuế (MST)</translation>
    </message>
    <message>
        <source>10 digits, or 10 digits, a dash and 3 digits</source>
        <translation>10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số</translation>
    </message>
    <message>
        <source>Showroom code</source>
        <translation>Mã điểm bán</translation>
    </message>
    <message>
        <source>As the city registry knows the showroom, e.g. HN01</source>
        <translation>Theo mã của hệ thống OCOP thành phố, ví dụ HN01</translation>
    </message>
    <message>
        <source>Till code</source>
        <translation>Mã quầy</translation>
    </message>
    <message>
        <source>Printed in receipt numbers, e.g. Q01-20261123-0042</source>
        <translation>In trong số hóa đơn, ví dụ Q01-20261123-0042</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>OCOP POS cannot start</source>
        <translation>Không khởi động được phần mềm OCOP POS</translation>
    </message>
    <message>
        <source>The settings file cannot be read:
{detail}

Ask IT to correct or remove the file; the showroom&apos;s data is not affected.</source>
        <translation>Không đọc được tệp cài đặt:
{detail}

Hãy nhờ bộ phận IT sửa hoặc xóa tệp này; dữ liệu bán hàng không bị ảnh hưởng.</translation>
    </message>
    <message>
        <source>The sales database cannot be opened:
{detail}

Check the disk and the data folder, or ask IT to restore a backup.</source>
        <translation>Không mở được cơ sở dữ liệu bán hàng:
{detail}

Hãy kiểm tra ổ đĩa và thư mục dữ liệu, hoặc nhờ bộ phận IT khôi phục bản sao lưu.</translation>
    </message>
    <message>
        <source>The main window could not be built:
{detail}</source>
        <translation>Không tạo được cửa sổ chính:
{detail}</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>Serial scanner {port}: not available ({code})</source>
        <translation>Máy quét cổng {port}: không dùng được ({code})</translation>
    </message>
</context>
<context>
    <name>Stock</name>
    <message>
        <source>Cannot write off more than the {n} in stock.</source>
        <translation>Không thể xuất hủy nhiều hơn số tồn {n}.</translation>
    </message>
    <message>
        <source>Already counted in this session ({n}).</source>
        <translation>Đã đếm trong phiên này ({n}).</translation>
    </message>
    <message>
        <source>Enter a quantity above zero.</source>
        <translation>Hãy nhập số lượng lớn hơn 0.</translation>
    </message>
    <message>
        <source>Add at least one product.</source>
        <translation>Hãy thêm ít nhất một sản phẩm.</translation>
    </message>
    <message>
        <source>Enter a unit cost for every line (consigned goods need one).</source>
        <translation>Hãy nhập giá vốn cho mọi dòng (hàng ký gửi cũng cần).</translation>
    </message>
    <message>
        <source>Give a reason.</source>
        <translation>Hãy ghi lý do.</translation>
    </message>
    <message>
        <source>No product has this code.</source>
        <translation>Không có sản phẩm nào mang mã này.</translation>
    </message>
    <message>
        <source>Choose the producer.</source>
        <translation>Hãy chọn chủ thể.</translation>
    </message>
    <message>
        <source>This count no longer exists.</source>
        <translation>Phiên kiểm kê này không còn nữa.</translation>
    </message>
    <message>
        <source>This count is already posted or cancelled; it cannot change.</source>
        <translation>Phiên kiểm kê này đã ghi sổ hoặc đã hủy; không thể thay đổi.</translation>
    </message>
    <message>
        <source>This product is not part of this count.</source>
        <translation>Sản phẩm này không thuộc phiên kiểm kê này.</translation>
    </message>
    <message>
        <source>Choose what to count.</source>
        <translation>Hãy chọn phạm vi kiểm kê.</translation>
    </message>
    <message>
        <source>Nothing has been counted yet.</source>
        <translation>Chưa đếm sản phẩm nào.</translation>
    </message>
    <message>
        <source>Enter a threshold of 0 or more.</source>
        <translation>Hãy nhập ngưỡng từ 0 trở lên.</translation>
    </message>
    <message>
        <source>A manager did not approve; nothing was changed.</source>
        <translation>Quản lý chưa duyệt; không có gì thay đổi.</translation>
    </message>
    <message>
        <source>Refused ({code}).</source>
        <translation>Bị từ chối ({code}).</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Sản phẩm</translation>
    </message>
    <message>
        <source>Producer</source>
        <translation>Chủ thể</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Nhóm</translation>
    </message>
    <message>
        <source>Stars</source>
        <translation>Hạng sao</translation>
    </message>
    <message>
        <source>On hand</source>
        <translation>Tồn kho</translation>
    </message>
    <message>
        <source>Alert at</source>
        <translation>Ngưỡng báo</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>Chứng nhận</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Bị thu hồi</translation>
    </message>
    <message>
        <source>Valid</source>
        <translation>Còn hiệu lực</translation>
    </message>
    <message>
        <source>Expired {date}</source>
        <translation>Hết hạn {date}</translation>
    </message>
    <message>
        <source>Until {date}</source>
        <translation>Đến {date}</translation>
    </message>
</context>
<context>
    <name>StockScreen</name>
    <message>
        <source>Stock</source>
        <translation>Kho hàng</translation>
    </message>
    <message>
        <source>Goods receipt</source>
        <translation>Nhập hàng</translation>
    </message>
    <message>
        <source>Stock count</source>
        <translation>Kiểm kê</translation>
    </message>
    <message>
        <source>Adjust / write off</source>
        <translation>Điều chỉnh / xuất hủy</translation>
    </message>
    <message>
        <source>Who else has it?</source>
        <translation>Nơi khác còn hàng?</translation>
    </message>
    <message>
        <source>Transfers</source>
        <translation>Chuyển kho</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>Nhãn giá</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Sản phẩm</translation>
    </message>
    <message>
        <source>Producers</source>
        <translation>Chủ thể</translation>
    </message>
    <message>
        <source>Items on hand</source>
        <translation>Tổng số lượng tồn</translation>
    </message>
    <message>
        <source>At or below alert</source>
        <translation>Chạm ngưỡng cảnh báo</translation>
    </message>
    <message>
        <source>Certificates expiring soon</source>
        <translation>Chứng nhận sắp hết hạn</translation>
    </message>
    <message>
        <source>Revoked (not for sale)</source>
        <translation>Bị thu hồi (không bán)</translation>
    </message>
    <message>
        <source>Show low stock</source>
        <translation>Xem hàng sắp hết</translation>
    </message>
    <message>
        <source>Search name, SKU, producer (no tone marks needed)</source>
        <translation>Tìm theo tên, mã hàng, chủ thể (gõ không dấu cũng được)</translation>
    </message>
    <message>
        <source>All groups</source>
        <translation>Tất cả nhóm</translation>
    </message>
    <message>
        <source>All producers</source>
        <translation>Tất cả chủ thể</translation>
    </message>
    <message>
        <source>All stars</source>
        <translation>Tất cả hạng sao</translation>
    </message>
    <message>
        <source>Any certificate</source>
        <translation>Mọi tình trạng chứng nhận</translation>
    </message>
    <message>
        <source>Expiring within…</source>
        <translation>Hết hạn trong vòng…</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Hết hạn</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Bị thu hồi</translation>
    </message>
    <message>
        <source> days</source>
        <translation> ngày</translation>
    </message>
    <message>
        <source>Low stock</source>
        <translation>Sắp hết hàng</translation>
    </message>
    <message>
        <source>{n} products are at or below their low-stock alert.</source>
        <translation>{n} sản phẩm đã chạm ngưỡng cảnh báo sắp hết hàng.</translation>
    </message>
    <message>
        <source>Showing {shown} of {total}. Double-click a product to adjust it or set its alert.</source>
        <translation>Đang hiện {shown}/{total}. Nhấn đúp vào sản phẩm để điều chỉnh hoặc đặt ngưỡng cảnh báo.</translation>
    </message>
</context>
<context>
    <name>SuccessPage</name>
    <message>
        <source>Paid</source>
        <translation>Đã thanh toán</translation>
    </message>
    <message>
        <source>Change to give</source>
        <translation>Tiền thừa trả khách</translation>
    </message>
    <message>
        <source>Next customer (Enter)</source>
        <translation>Khách tiếp theo (Enter)</translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <source>the registry cannot be reached (no network?)</source>
        <translation>không kết nối được hệ thống OCOP thành phố (mất mạng?)</translation>
    </message>
    <message>
        <source>the registry did not answer in time</source>
        <translation>hệ thống OCOP thành phố không phản hồi kịp</translation>
    </message>
    <message>
        <source>the registry&apos;s certificate could not be verified</source>
        <translation>không xác thực được chứng chỉ của hệ thống OCOP thành phố</translation>
    </message>
    <message>
        <source>the registry asked us to slow down</source>
        <translation>hệ thống OCOP thành phố yêu cầu gửi chậm lại</translation>
    </message>
    <message>
        <source>the registry had an internal error</source>
        <translation>hệ thống OCOP thành phố gặp lỗi nội bộ</translation>
    </message>
    <message>
        <source>the registry&apos;s answer was not understood</source>
        <translation>không hiểu được phản hồi của hệ thống OCOP thành phố</translation>
    </message>
    <message>
        <source>the registry refused this till&apos;s token (enroll again)</source>
        <translation>hệ thống OCOP thành phố từ chối mã truy cập của quầy này (hãy đăng ký lại)</translation>
    </message>
    <message>
        <source>the registry refused the request</source>
        <translation>hệ thống OCOP thành phố từ chối yêu cầu</translation>
    </message>
    <message>
        <source>no registry is set up (ocop-pos-admin enroll)</source>
        <translation>chưa cài đặt kết nối hệ thống OCOP thành phố (ocop-pos-admin enroll)</translation>
    </message>
    <message>
        <source>the registry address must start with https:// (or http://)</source>
        <translation>địa chỉ hệ thống OCOP thành phố phải bắt đầu bằng https:// (hoặc http://)</translation>
    </message>
    <message>
        <source>the registry&apos;s catalog clashes with local products (barcodes or producers)</source>
        <translation>danh mục của hệ thống OCOP thành phố xung đột với sản phẩm tại quầy (mã vạch hoặc chủ thể)</translation>
    </message>
    <message>
        <source>the registry sent a catalog with invalid barcodes</source>
        <translation>hệ thống OCOP thành phố gửi danh mục có mã vạch không hợp lệ</translation>
    </message>
    <message>
        <source>stock movements name products not in the catalog yet</source>
        <translation>phiếu kho nhắc tới sản phẩm chưa có trong danh mục</translation>
    </message>
    <message>
        <source>the registry answered none of the events</source>
        <translation>hệ thống OCOP thành phố không phản hồi sự kiện nào</translation>
    </message>
    <message>
        <source>an internal error stopped the sync (see the log)</source>
        <translation>lỗi nội bộ đã dừng việc đồng bộ (xem nhật ký)</translation>
    </message>
    <message>
        <source>the registry&apos;s answer was too large and was not read</source>
        <translation>câu trả lời của hệ thống OCOP thành phố quá lớn nên không được đọc</translation>
    </message>
    <message>
        <source>the registry answered with a redirect, which is not followed</source>
        <translation>hệ thống OCOP thành phố trả lời bằng chuyển hướng; quầy không đi theo</translation>
    </message>
    <message>
        <source>the registry speaks another protocol version</source>
        <translation>hệ thống OCOP thành phố dùng phiên bản giao thức khác</translation>
    </message>
    <message>
        <source>plain http:// is only for a registry on this computer; use https://</source>
        <translation>http:// không mã hoá chỉ dùng cho hệ thống trên chính máy này; hãy dùng https://</translation>
    </message>
    <message>
        <source>the registry keeps sending the same page</source>
        <translation>hệ thống OCOP thành phố cứ gửi lại cùng một trang</translation>
    </message>
    <message>
        <source>the registry sent too many pages in one pull</source>
        <translation>hệ thống OCOP thành phố gửi quá nhiều trang trong một lần tải</translation>
    </message>
    <message>
        <source>the registry holds different data under this event&apos;s id</source>
        <translation>hệ thống OCOP thành phố đang giữ dữ liệu khác với cùng mã sự kiện này</translation>
    </message>
    <message>
        <source>the registry could not read this event</source>
        <translation>hệ thống OCOP thành phố không đọc được sự kiện này</translation>
    </message>
    <message>
        <source>this event is damaged in the local database</source>
        <translation>sự kiện này bị hỏng trong cơ sở dữ liệu tại quầy</translation>
    </message>
    <message>
        <source>this event is larger than the registry accepts</source>
        <translation>sự kiện này lớn hơn mức hệ thống OCOP thành phố nhận</translation>
    </message>
    <message>
        <source>a stock movement from another till names a product this till does not know yet (tried again at every sync)</source>
        <translation>một biến động kho từ quầy khác ghi sản phẩm mà quầy này chưa có (sẽ thử lại mỗi lần đồng bộ)</translation>
    </message>
    <message>
        <source>the registry sent a record that could not be read</source>
        <translation>hệ thống OCOP thành phố gửi một bản ghi không đọc được</translation>
    </message>
    <message>
        <source>a product from the registry clashes with local products (barcodes or producers)</source>
        <translation>một sản phẩm từ hệ thống OCOP thành phố trùng với sản phẩm tại quầy (mã vạch hoặc nhà sản xuất)</translation>
    </message>
    <message>
        <source>a product from the registry has an invalid barcode</source>
        <translation>một sản phẩm từ hệ thống OCOP thành phố có mã vạch không hợp lệ</translation>
    </message>
    <message>
        <source>Sent {sent} events ({duplicates} already there), {rejected} refused, {remaining} still waiting</source>
        <translation>Đã gửi {sent} sự kiện ({duplicates} đã có sẵn), {rejected} bị từ chối, {remaining} còn chờ gửi</translation>
    </message>
    <message>
        <source>Catalog: {products} products and {revocations} revocations in {pages} pages</source>
        <translation>Danh mục: {products} sản phẩm và {revocations} lượt thu hồi trong {pages} trang</translation>
    </message>
    <message>
        <source>Stock: {count} movements from other tills</source>
        <translation>Kho: {count} phiếu kho từ các quầy khác</translation>
    </message>
    <message>
        <source>Sync failed: {reason}</source>
        <translation>Đồng bộ thất bại: {reason}</translation>
    </message>
    <message>
        <source>online</source>
        <translation>đã kết nối</translation>
    </message>
    <message>
        <source>offline</source>
        <translation>mất kết nối</translation>
    </message>
    <message>
        <source>not tried yet</source>
        <translation>chưa thử kết nối</translation>
    </message>
    <message>
        <source>Registry: {state}</source>
        <translation>Hệ thống OCOP thành phố: {state}</translation>
    </message>
    <message>
        <source>Events waiting: {count}</source>
        <translation>Sự kiện chờ gửi: {count}</translation>
    </message>
    <message>
        <source>Events refused: {count}</source>
        <translation>Sự kiện bị từ chối: {count}</translation>
    </message>
    <message>
        <source>Last successful sync: {when}</source>
        <translation>Đồng bộ thành công lần cuối: {when}</translation>
    </message>
    <message>
        <source>never</source>
        <translation>chưa lần nào</translation>
    </message>
    <message>
        <source>Last contact with the registry: {when}</source>
        <translation>Lần liên hệ gần nhất với hệ thống OCOP thành phố: {when}</translation>
    </message>
    <message>
        <source>Last problem: {reason}</source>
        <translation>Sự cố gần nhất: {reason}</translation>
    </message>
    <message>
        <source>Warning: the city registry says this till&apos;s audit log was changed or cut ({warning}); tell the manager</source>
        <translation>Cảnh báo: hệ thống OCOP thành phố báo nhật ký kiểm toán của quầy này đã bị sửa hoặc cắt bớt ({warning}); hãy báo quản lý</translation>
    </message>
    <message>
        <source>the system keyring</source>
        <translation>kho khóa của hệ điều hành</translation>
    </message>
    <message>
        <source>a private file</source>
        <translation>một tệp riêng tư</translation>
    </message>
    <message>
        <source>Enrolled with {url} as till {till} of showroom {showroom}; the token is kept in {place}</source>
        <translation>Đã đăng ký với {url} là quầy {till} của điểm bán {showroom}; mã truy cập được lưu trong {place}</translation>
    </message>
    <message>
        <source>Enrolment failed: {reason}</source>
        <translation>Đăng ký thất bại: {reason}</translation>
    </message>
    <message>
        <source>Enrolment failed: the registry did not recognise the token</source>
        <translation>Đăng ký thất bại: hệ thống OCOP thành phố không nhận ra mã truy cập</translation>
    </message>
</context>
<context>
    <name>Transfers</name>
    <message>
        <source>Only {n} of {sku} in stock.</source>
        <translation>Chỉ còn {n} {sku} trong kho.</translation>
    </message>
    <message>
        <source>This till has no showroom code yet (Settings).</source>
        <translation>Máy bán hàng này chưa có mã điểm bán (Cài đặt).</translation>
    </message>
    <message>
        <source>Enter the destination showroom&apos;s code.</source>
        <translation>Nhập mã điểm bán nhận hàng.</translation>
    </message>
    <message>
        <source>A transfer goes to another showroom.</source>
        <translation>Phiếu chuyển phải gửi đến điểm bán khác.</translation>
    </message>
    <message>
        <source>Add at least one product.</source>
        <translation>Thêm ít nhất một sản phẩm.</translation>
    </message>
    <message>
        <source>Too many lines for one transfer.</source>
        <translation>Quá nhiều dòng cho một phiếu chuyển.</translation>
    </message>
    <message>
        <source>Enter a quantity above zero.</source>
        <translation>Nhập số lượng lớn hơn 0.</translation>
    </message>
    <message>
        <source>No product has this code.</source>
        <translation>Không có sản phẩm nào mang mã này.</translation>
    </message>
    <message>
        <source>No transfer has this number.</source>
        <translation>Không có phiếu chuyển nào mang số này.</translation>
    </message>
    <message>
        <source>This transfer was sent from here.</source>
        <translation>Phiếu chuyển này được gửi từ đây.</translation>
    </message>
    <message>
        <source>This transfer was already received.</source>
        <translation>Phiếu chuyển này đã được nhận.</translation>
    </message>
    <message>
        <source>This product is not on the transfer.</source>
        <translation>Sản phẩm này không có trong phiếu chuyển.</translation>
    </message>
    <message>
        <source>Give a reason for the difference.</source>
        <translation>Nhập lý do chênh lệch.</translation>
    </message>
    <message>
        <source>A manager did not approve; nothing was changed.</source>
        <translation>Quản lý chưa duyệt; không có gì thay đổi.</translation>
    </message>
    <message>
        <source>Not possible ({code}).</source>
        <translation>Không thực hiện được ({code}).</translation>
    </message>
    <message>
        <source>In transit</source>
        <translation>Đang chuyển</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Đã nhận</translation>
    </message>
    <message>
        <source>No other showroom has reported stock of {sku}.</source>
        <translation>Chưa điểm bán nào khác báo tồn kho {sku}.</translation>
    </message>
    <message>
        <source>never synced</source>
        <translation>chưa đồng bộ</translation>
    </message>
    <message>
        <source>{showroom}: {n} (as of {when})</source>
        <translation>{showroom}: {n} (tính đến {when})</translation>
    </message>
    <message>
        <source>never</source>
        <translation>chưa bao giờ</translation>
    </message>
    <message>
        <source>The registry cannot be reached; last answer kept: {when}.</source>
        <translation>Không kết nối được hệ thống thành phố; số liệu lưu lần cuối: {when}.</translation>
    </message>
    <message>
        <source>Who else has it? — {sku}</source>
        <translation>Nơi khác còn hàng? — {sku}</translation>
    </message>
</context>
<context>
    <name>TransfersDialog</name>
    <message>
        <source>Transfers</source>
        <translation>Chuyển kho</translation>
    </message>
    <message>
        <source>Transfers between showrooms</source>
        <translation>Chuyển kho giữa các điểm bán</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <source>e.g. HN02</source>
        <translation>ví dụ HN02</translation>
    </message>
    <message>
        <source>To showroom</source>
        <translation>Đến điểm bán</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>Scan or type a SKU or barcode</source>
        <translation>Quét hoặc gõ mã hàng, mã vạch</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Thêm</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Sản phẩm</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>Mã hàng</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Số lượng</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Gửi đi</translation>
    </message>
    <message>
        <source>Transfer {number} sent to {showroom}: {n} in transit.</source>
        <translation>Đã gửi phiếu chuyển {number} đến {showroom}: {n} đang chuyển.</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Số phiếu</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Từ</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Đã gửi</translation>
    </message>
    <message>
        <source>What arrived (change the lines that differ):</source>
        <translation>Hàng thực nhận (sửa các dòng bị chênh lệch):</translation>
    </message>
    <message>
        <source>Arrived</source>
        <translation>Thực nhận</translation>
    </message>
    <message>
        <source>e.g. broken in transport</source>
        <translation>ví dụ vỡ khi vận chuyển</translation>
    </message>
    <message>
        <source>Reason for a difference</source>
        <translation>Lý do chênh lệch</translation>
    </message>
    <message>
        <source>Receive</source>
        <translation>Nhận hàng</translation>
    </message>
    <message>
        <source>In transit</source>
        <translation>Đang chuyển</translation>
    </message>
    <message>
        <source>Transfer {number} received: {got} of {sent}.</source>
        <translation>Đã nhận phiếu chuyển {number}: {got} trên {sent}.</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Chiều</translation>
    </message>
    <message>
        <source>Showroom</source>
        <translation>Điểm bán</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Đã nhận</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>Chênh lệch</translation>
    </message>
    <message>
        <source>All transfers</source>
        <translation>Tất cả phiếu chuyển</translation>
    </message>
    <message>
        <source>In transit ({n})</source>
        <translation>Đang chuyển ({n})</translation>
    </message>
    <message>
        <source>Received from</source>
        <translation>Nhận từ</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <source>Users</source>
        <translation>Người dùng</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Họ tên</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>Tên đăng nhập</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Vai trò</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>Vô hiệu hóa</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Mở khóa</translation>
    </message>
    <message>
        <source>Set the PIN below</source>
        <translation>Đặt mã PIN ở dưới</translation>
    </message>
    <message>
        <source>New user</source>
        <translation>Người dùng mới</translation>
    </message>
    <message>
        <source>Name, e.g. Thu ngân Hoa</source>
        <translation>Họ tên, ví dụ Thu ngân Hoa</translation>
    </message>
    <message>
        <source>Login, e.g. hoa</source>
        <translation>Tên đăng nhập, ví dụ hoa</translation>
    </message>
    <message>
        <source>PIN (4–8 digits)</source>
        <translation>Mã PIN (4–8 chữ số)</translation>
    </message>
    <message>
        <source>Add user</source>
        <translation>Thêm người dùng</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Đóng (Esc)</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Đang hoạt động</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Đã vô hiệu hóa</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Đang bị khóa</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>Kích hoạt</translation>
    </message>
    <message>
        <source>{name} can now log in.</source>
        <translation>{name} đã có thể đăng nhập.</translation>
    </message>
    <message>
        <source>{name}: saved.</source>
        <translation>{name}: đã lưu.</translation>
    </message>
    <message>
        <source>{name}: new PIN saved.</source>
        <translation>{name}: đã lưu mã PIN mới.</translation>
    </message>
</context>
<context>
    <name>ValueDialog</name>
    <message>
        <source>OK (Enter)</source>
        <translation>Đồng ý (Enter)</translation>
    </message>
</context>
<context>
    <name>VoidDialog</name>
    <message>
        <source>Void last sale</source>
        <translation>Hủy đơn vừa bán</translation>
    </message>
    <message>
        <source>Receipt {number} at {time}
{total} paid by {methods}</source>
        <translation>Hóa đơn {number} lúc {time}
{total} thanh toán bằng {methods}</translation>
    </message>
    <message>
        <source>The sale is cancelled, its goods go back to stock and a manager approves.</source>
        <translation>Đơn hàng bị hủy, hàng được nhập lại kho và cần quản lý duyệt.</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>e.g. wrong item scanned</source>
        <translation>ví dụ quét nhầm sản phẩm</translation>
    </message>
    <message>
        <source>Void sale (Enter)</source>
        <translation>Hủy đơn (Enter)</translation>
    </message>
    <message>
        <source>Enter a reason.</source>
        <translation>Hãy nhập lý do.</translation>
    </message>
</context>
<context>
    <name>XReportDialog</name>
    <message>
        <source>X report</source>
        <translation>Báo cáo X</translation>
    </message>
    <message>
        <source>X report (shift so far)</source>
        <translation>Báo cáo X (từ đầu ca đến giờ)</translation>
    </message>
    <message>
        <source>Opened {time} by {name}</source>
        <translation>Mở ca lúc {time} bởi {name}</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>In</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Đóng (Esc)</translation>
    </message>
</context>
</TS>
