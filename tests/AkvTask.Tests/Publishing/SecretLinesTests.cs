using AkvTask.Publishing;

namespace AkvTask.Tests.Publishing;

public class SecretLinesTests
{
    [TestCase("single line", false)]
    [TestCase("a\nb", true)]
    [TestCase("a\rb", true)]
    [TestCase("a\r\nb", true)]
    [TestCase("", false)]
    public void Detects_any_line_break(string value, bool expected)
    {
        SecretLines.IsMultiline(value).Should().Be(expected);
    }

    [Test]
    public void Splits_on_every_line_ending_and_keeps_each_maskable_line_once()
    {
        var value = "-----BEGIN KEY-----\r\nMIIEabc\nMIIEabc\rdef\n  }\n\t  spaced line  \n....\nx\n{}\n-----END KEY-----";

        SecretLines.ToRegister(value).Should().Equal(
            "-----BEGIN KEY-----", "MIIEabc", "spaced line", "-----END KEY-----");
    }

    [Test]
    public void A_line_needs_four_characters_and_a_letter_or_digit()
    {
        SecretLines.ToRegister("abc\nabcd\n----\n---1").Should().Equal("abcd", "---1");
    }

    [Test]
    public void A_line_of_eight_non_blank_characters_is_registered_whatever_they_are()
    {
        SecretLines.ToRegister("user\n!@#$%^&*()_+\n--------\n-------\n- - - -\n* * * * * * * *\n}}}}\n").Should().Equal(
            "user", "!@#$%^&*()_+", "--------", "* * * * * * * *");
    }
}
